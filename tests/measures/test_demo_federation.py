"""The demo as a federation: the Verbund at the root, the four Ämter below it."""

import pytest

from agenda.models import SiteProfile
from measures.management.commands.load_demo import load_demo
from measures.models import Measure, ProgressReport
from measures.organisations import MeasureOrganisation
from strategy.organisations.models import Organisation

pytestmark = pytest.mark.django_db

AEMTER = {"Amt Itzehoe-Land", "Amt Krempermarsch", "Amt Schenefeld", "Amt Wilstermarsch"}


@pytest.fixture
def loaded():
    return load_demo()


def test_the_verbund_is_the_root_of_the_four_aemter(loaded):
    root = Organisation.objects.root()
    assert root.name.startswith("Verbund der Ämter")
    assert root.kind == Organisation.Kind.VERBUND
    members = Organisation.objects.members()
    assert {m.name for m in members} == AEMTER
    assert {m.kind for m in members} == {Organisation.Kind.AMT}
    assert {m.parent_id for m in members} == {root.pk}
    assert SiteProfile.current().root == root
    assert loaded["organisations"] == Organisation.objects.count() == 5


def test_the_concepts_measures_are_joint_measures_of_all_four(loaded):
    root = Organisation.objects.root()
    joint = Measure.objects.filter(lead_organisation=root)
    assert joint.count() == loaded["measures"] == 40
    for measure in joint.prefetch_related("organisation_shares__organisation"):
        shares = list(measure.organisation_shares.all())
        assert {s.organisation.name for s in shares} == AEMTER, measure
        # Equal shares that never add up to more than the measure's own figures.
        assert len({s.share_staff_days for s in shares}) == 1, measure
        assert sum(s.share_one_off_cost for s in shares) <= measure.one_off_cost
        assert sum(s.share_external_cost for s in shares) <= measure.external_cost
        assert sum(s.share_staff_days for s in shares) <= measure.staff_days


def test_every_amt_has_measures_of_its_own_with_figures_and_reports(loaded):
    for member in Organisation.objects.members():
        own = Measure.objects.filter(lead_organisation=member)
        assert 2 <= own.count() <= 3, member
        assert all(m.figures_are_examples for m in own), member
        assert all(m.planned_end and m.staff_days for m in own), member
        assert not MeasureOrganisation.objects.filter(measure__in=own).exists()
        reported = ProgressReport.objects.filter(measure__in=own).values("measure").distinct()
        assert reported.exists(), member
    wilster = Measure.objects.get(title="Digitale Sitzungsdienst-App im Amt Wilstermarsch")
    assert wilster.lead_organisation.short_name == "Wilstermarsch"
    lights = {m.light for m in Measure.objects.filter(reference__startswith="WIL").with_light()}
    assert lights - {"unrated"}, "the Amt's own measures have lights"


def test_loading_twice_adds_nothing(loaded):
    organisations = list(Organisation.objects.values().order_by("pk"))
    shares = list(MeasureOrganisation.objects.values().order_by("pk"))
    again = load_demo()
    assert again["created"] == {}
    assert again["updated"] == {}
    assert list(Organisation.objects.values().order_by("pk")) == organisations
    assert list(MeasureOrganisation.objects.values().order_by("pk")) == shares
    assert SiteProfile.objects.count() == 1


def test_a_root_from_the_migration_becomes_the_verbund():
    Organisation.objects.create(name="Ämter im Kreis", kind="verbund", slug="aemter")
    load_demo()
    assert Organisation.objects.filter(parent__isnull=True).count() == 1
    assert Organisation.objects.root().slug == "verbund"
    assert Organisation.objects.members().count() == 4
