import pytest
from django.core.management import call_command

from participation.models import Idea

pytestmark = pytest.mark.django_db


def test_demo_ideas_link_to_demo_measures_and_load_once():
    call_command("load_demo", verbosity=0)
    call_command("load_demo_ideas")
    call_command("load_demo_ideas")
    assert Idea.objects.count() == 7
    promoted = Idea.objects.filter(state=Idea.State.PROMOTED)
    assert {idea.measure.reference for idea in promoted} == {"4.2-3"}
    assert Idea.objects.public().count() == 4
