"""Every public page narrowed to one organisation: ?organisation=<slug>, as on the measure list."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from agenda.public.by_organisation import member_share
from agenda.public.charts import published_snapshot
from measures.models import MeasureOrganisation
from tests.factories import (
    ActionFieldFactory,
    FundingLineFactory,
    GoalFactory,
    MeasureFactory,
    OrganisationFactory,
    answered_idea,
)

SHOW_ALL = "Alle Körperschaften"
BAD_CHOICE = "Bitte eine gültige Auswahl treffen"
NUL_BYTE = "Nullzeichen sind nicht erlaubt"


@pytest.fixture
def field(db):
    return ActionFieldFactory(code="5.1", title="Wohnen", slug="wohnen")


@pytest.fixture
def federation(field):
    root = OrganisationFactory(name="Verbund", slug="verbund", kind="verbund", parent=None)
    wilster = OrganisationFactory(name="Amt Wilstermarsch", slug="wilstermarsch", parent=root)
    schenefeld = OrganisationFactory(name="Amt Schenefeld", slug="schenefeld", parent=root)
    measure = {"action_field": field}
    own = MeasureFactory(reference="W-1", lead_organisation=wilster, **measure)
    other = MeasureFactory(reference="S-1", lead_organisation=schenefeld, **measure)
    # 15,000 of one-off and external cost: Schenefeld carries 4,000, the lead the rest.
    shared = MeasureFactory(reference="J-1", lead_organisation=wilster, **measure)
    MeasureOrganisation.objects.create(
        measure=shared,
        organisation=schenefeld,
        share_one_off_cost=Decimal(3000),
        share_external_cost=Decimal(1000),
    )
    FundingLineFactory(measure=shared, amount=Decimal(6000))
    MeasureFactory(reference="X-1", lead_organisation=wilster, is_published=False, **measure)
    return {"root": root, "wilster": wilster, "schenefeld": schenefeld, "own": own,
            "other": other, "shared": shared}  # fmt: skip


def refs(measures):
    return sorted(m.reference for m in measures)


def text(response):
    return response.content.decode().replace("\xa0", " ")


def cells(chart):
    return [[cell.replace("\xa0", " ") for cell in row] for row in chart.rows]


def test_the_overview_counts_a_members_own_and_joint_measures(client, federation):
    url = reverse("public:overview")
    assert client.get(url).context["measure_total"] == 3
    for slug in ("wilstermarsch", "schenefeld"):
        response = client.get(url, {"organisation": slug})
        assert response.context["measure_total"] == 2
        assert response.context["chosen"].slug == slug
        (fld,) = [f for group in response.context["groups"] for f in group["fields"]]
        assert fld.rollup["measure_count"] == 2
        page = text(response)
        # Links keep the choice, so the next page shows the same member.
        assert f"/agenda/massnahmen/?organisation={slug}" in page
        assert f"/agenda/handlungsfelder/wohnen/?organisation={slug}" in page
        assert f"/agenda/zeitplan-und-budget/?organisation={slug}" in page


def test_planned_cost_is_the_members_share_as_in_the_comparison(client, federation, field):
    """Wilstermarsch: W-1 15,000 + J-1 less Schenefeld's 4,000; Schenefeld: S-1 + 4,000."""
    shared = GoalFactory(action_field=field, title="Gemeinsames Ziel")
    federation["shared"].goals.add(shared)
    compared = {
        row["organisation"].slug: row["cost"]
        for row in client.get(reverse("public:organisation-list")).context["rows"]
    }
    assert compared == {"wilstermarsch": 26000, "schenefeld": 19000}
    field_url = reverse("public:field-detail", args=[field.slug])
    for slug, cost in compared.items():
        query = {"organisation": slug}
        overview = client.get(reverse("public:overview"), query)
        (fld,) = [f for group in overview.context["groups"] for f in group["fields"]]
        assert fld.rollup["planned_cost"] == cost
        detail = client.get(field_url, query)
        assert detail.context["rollup"]["planned_cost"] == cost
        (goal,) = detail.context["goals"]
        assert goal.rollup["planned_cost"] == {"wilstermarsch": 11000, "schenefeld": 4000}[slug]
        member = client.get(reverse("public:organisation-detail", args=[slug]))
        assert member.context["rollup"]["planned_cost"] == cost
    # Without a choice, every measure counts whole and once.
    assert client.get(field_url).context["rollup"]["planned_cost"] == 45000
    assert "Anteil dieser Körperschaft" in text(client.get(field_url, query))


def test_the_field_page_shows_the_members_measures_and_roll_up(client, federation, field):
    wilster, schenefeld = federation["wilster"], federation["schenefeld"]
    mine = GoalFactory(action_field=field, title="Eigenes Ziel Schenefeld", organisation=schenefeld)
    theirs = GoalFactory(action_field=field, title="Eigenes Ziel Wilster", organisation=wilster)
    shared = GoalFactory(action_field=field, title="Gemeinsames Ziel")
    federation["shared"].goals.add(shared)
    federation["own"].goals.add(shared)
    url = reverse("public:field-detail", args=[field.slug])

    response = client.get(url, {"organisation": "schenefeld"})
    assert refs(response.context["measures"]) == ["J-1", "S-1"]
    assert response.context["rollup"]["measure_count"] == 2
    goals = {goal.title: goal for goal in response.context["goals"]}
    assert set(goals) == {mine.title, shared.title}
    assert goals[shared.title].published_count == 1
    assert goals[shared.title].rollup["measure_count"] == 1
    assert "/agenda/handlungsfelder/wohnen/zeitplan/?organisation=schenefeld" in text(response)

    response = client.get(url, {"organisation": "wilstermarsch"})
    assert refs(response.context["measures"]) == ["J-1", "W-1"]
    assert {g.title for g in response.context["goals"]} == {theirs.title, shared.title}
    assert {g.title: g.published_count for g in response.context["goals"]}[shared.title] == 2

    response = client.get(url)
    assert refs(response.context["measures"]) == ["J-1", "S-1", "W-1"]
    assert len(response.context["goals"]) == 3


def test_the_figures_count_each_members_share_and_a_joint_measure_once(federation):
    snapshot = published_snapshot()

    def totals(part):
        measures = [m for fld in part["fields"] for m in fld["measures"]]
        return (
            sorted(m["reference"] for m in measures),
            sum(Decimal(m["total_cost"]) for m in measures),
            sum(Decimal(m["granted"]) for m in measures),
        )

    wilster = totals(member_share(snapshot, federation["wilster"]))
    schenefeld = totals(member_share(snapshot, federation["schenefeld"]))
    assert wilster == (["J-1", "W-1"], Decimal(15000 + 11000), Decimal(6000))
    assert schenefeld == (["J-1", "S-1"], Decimal(15000 + 4000), Decimal(0))
    everyone = totals(snapshot)
    assert wilster[1] + schenefeld[1] == everyone[1]
    assert wilster[2] + schenefeld[2] == everyone[2]


def test_the_figures_page_shows_the_members_charts_and_tables(client, federation):
    url = reverse("public:figures")
    response = client.get(url, {"organisation": "schenefeld"})
    page = text(response)
    assert response.status_code == 200 and 'name="organisation"' in page
    budget = {chart.key: chart for chart in response.context["charts"]}["chart-budget-field"]
    # Field, total cost, own share, approved grants.
    assert cells(budget) == [["5.1 Wohnen", "19.000 €", "19.000 €", "0 €"]]
    assert "Anteil dieser Körperschaft" in page
    budget = {c.key: c for c in client.get(url).context["charts"]}["chart-budget-field"]
    assert cells(budget) == [["5.1 Wohnen", "45.000 €", "39.000 €", "6.000 €"]]
    timeline = client.get(
        reverse("public:field-figures", args=["wohnen"]), {"organisation": "schenefeld"}
    )
    assert "J-1" in timeline.context["chart"].svg and "W-1" not in timeline.context["chart"].svg


def test_the_idea_list_shows_the_ideas_addressed_to_the_member(client, federation):
    wilster = answered_idea(title="An Wilster", organisation=federation["wilster"])
    answered_idea(title="An Schenefeld", organisation=federation["schenefeld"])
    everyone = answered_idea(title="An alle", organisation=None)
    url = reverse("participation:idea-list")
    response = client.get(url, {"organisation": "wilstermarsch"})
    assert 'name="organisation"' in text(response)
    assert [i.title for i in response.context["object_list"]] == [wilster.title]
    # The root answers what is addressed to no member.
    response = client.get(url, {"organisation": "verbund"})
    assert [i.title for i in response.context["object_list"]] == [everyone.title]
    assert len(client.get(url).context["object_list"]) == 3


def test_the_member_page_links_to_its_filtered_views(client, federation):
    page = text(client.get(reverse("public:organisation-detail", args=["schenefeld"])))
    for path in ("/agenda/", "/agenda/zeitplan-und-budget/", "/agenda/massnahmen/", "/ideen/"):
        assert f'href="{path}?organisation=schenefeld"' in page


def test_an_idea_names_who_answers_it_on_its_public_page(client, federation):
    idea = answered_idea(organisation=federation["wilster"])
    page = strip_tags(text(client.get(idea.get_public_url())))
    assert "Es antwortet: Amt Wilstermarsch" in page


PAGES = [
    ("public:overview", []),
    ("public:field-detail", ["wohnen"]),
    ("public:figures", []),
    ("public:field-figures", ["wohnen"]),
    ("participation:idea-list", []),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_with_one_organisation_no_page_offers_a_choice(client, field, name, args):
    root = OrganisationFactory(name="Verbund", slug="verbund", kind="verbund", parent=None)
    MeasureFactory(lead_organisation=root, action_field=field)
    answered_idea()
    for query in ({}, {"organisation": "verbund"}, {"organisation": "gibt-es-nicht"}):
        response = client.get(reverse(name, args=args), query)
        assert response.status_code == 200
        assert 'name="organisation"' not in text(response)
        assert BAD_CHOICE not in text(response)


@pytest.mark.parametrize(("name", "args"), PAGES)
@pytest.mark.parametrize("value", ["gibt-es-nicht", "<script>", "x" * 500, "1", "%00", "\x00"])
def test_a_bad_value_shows_a_german_message_never_an_error(client, federation, name, args, value):
    response = client.get(reverse(name, args=args), {"organisation": value})
    assert response.status_code == 200
    page = text(response)
    assert (NUL_BYTE if "\x00" in value else BAD_CHOICE) in page
    assert "<script>" not in page.split("<main")[1]
    if name.startswith("public:"):
        # The page for all organisations, not an empty one.
        assert response.context["chosen"] is None


def grow(field, times):
    """More members, each with own and joint measures, and more ideas."""
    from strategy.models import Organisation

    root = Organisation.objects.root()
    for _ in range(times):
        member = OrganisationFactory(parent=root)
        joint = MeasureFactory(lead_organisation=member, action_field=field)
        MeasureOrganisation.objects.create(
            measure=joint, organisation=Organisation.objects.get(slug="schenefeld")
        )
        MeasureFactory(lead_organisation=member, action_field=field)
        joint.goals.add(GoalFactory(action_field=field, organisation=member))
        answered_idea(organisation=member)
        answered_idea(organisation=Organisation.objects.get(slug="schenefeld"))


def queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_query_counts_do_not_grow_with_members_or_measures(client, federation, name, args):
    url = reverse(name, args=args) + "?organisation=schenefeld"
    # At least one row of every kind, so an empty list's shortcut does not flatter "before".
    grow(federation["shared"].action_field, 1)
    before = queries(client, url)
    grow(federation["shared"].action_field, 6)
    after = queries(client, url)
    assert after <= before
    assert after <= 30
