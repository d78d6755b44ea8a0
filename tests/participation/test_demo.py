import pytest
from django.core.management import call_command

from participation.models import Idea

pytestmark = pytest.mark.django_db


def test_demo_ideas_link_to_demo_measures_and_load_once():
    call_command("load_demo", verbosity=0)
    call_command("load_demo_ideas")
    call_command("load_demo_ideas")
    assert Idea.objects.count() == 11
    promoted = Idea.objects.filter(state=Idea.State.PROMOTED)
    assert {idea.measure.reference for idea in promoted} == {"4.2-3"}
    assert Idea.objects.public().count() == 5


def test_demo_ideas_are_addressed_to_aemter_and_the_rest_to_all():
    call_command("load_demo", verbosity=0)
    call_command("load_demo_ideas")
    addressed = dict(
        Idea.objects.filter(organisation__isnull=False).values_list("title", "organisation__slug")
    )
    assert set(addressed.values()) == {
        "itzehoe-land",
        "krempermarsch",
        "schenefeld",
        "wilstermarsch",
    }
    assert Idea.objects.filter(organisation__isnull=True).count() == 4
    open_for_wilster = Idea.objects.open().filter(organisation__slug="wilstermarsch")
    assert open_for_wilster.exists()  # something for Redaktion of Wilstermarsch to answer


def test_ideas_loaded_before_the_aemter_are_addressed_on_the_next_run():
    call_command("load_demo_ideas")
    assert not Idea.objects.filter(organisation__isnull=False).exists()
    call_command("load_demo", verbosity=0)
    call_command("load_demo_ideas")
    assert Idea.objects.count() == 11
    assert Idea.objects.filter(organisation__isnull=False).count() == 7
