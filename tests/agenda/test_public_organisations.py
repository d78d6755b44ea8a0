"""Public pages by organisation: the filter, a member's page and the members compared."""

from decimal import Decimal

import pytest
from django.urls import reverse

from agenda.public.organisations import federation_total, member_rows
from measures.models import MeasureOrganisation
from strategy.models import Organisation
from tests.factories import (
    FundingLineFactory,
    MeasureFactory,
    OrganisationFactory,
)


@pytest.fixture
def root(db):
    return OrganisationFactory(name="Verbund", slug="verbund", kind="verbund", parent=None)


def members(root, n, start=0):
    return [
        OrganisationFactory(name=f"Amt {i}", slug=f"amt-{i}", parent=root)
        for i in range(start, start + n)
    ]


def joint(measure, organisation, one_off, external=0):
    return MeasureOrganisation.objects.create(
        measure=measure,
        organisation=organisation,
        share_one_off_cost=Decimal(one_off),
        share_external_cost=Decimal(external),
    )


@pytest.fixture
def federation(root):
    wilster, schenefeld = members(root, 2)
    own = MeasureFactory(reference="W-1", title="Eigene Wilster", lead_organisation=wilster)
    other = MeasureFactory(reference="S-1", title="Eigene Schenefeld", lead_organisation=schenefeld)
    # Cost 15,000: Schenefeld carries 4,000 of it, the lead Wilstermarsch the rest.
    shared = MeasureFactory(reference="J-1", title="Gemeinsame", lead_organisation=wilster)
    joint(shared, schenefeld, 3000, 1000)
    FundingLineFactory(measure=shared, amount=Decimal("6000"))
    MeasureFactory(reference="X-1", title="Unveröffentlicht", lead_organisation=wilster,
                   is_published=False)  # fmt: skip
    return {"wilster": wilster, "schenefeld": schenefeld, "own": own, "other": other,
            "shared": shared}  # fmt: skip


def test_with_one_organisation_the_pages_404_and_nothing_offers_a_choice(client, root):
    MeasureFactory(lead_organisation=root)
    assert client.get(reverse("public:organisation-list")).status_code == 404
    url = reverse("public:organisation-detail", args=[root.slug])
    assert client.get(url).status_code == 404
    listing = client.get(reverse("public:measure-list"))
    assert "organisation" not in listing.context["filter"].form.fields
    assert 'name="organisation"' not in listing.content.decode()
    overview = client.get(reverse("public:overview")).content.decode()
    assert reverse("public:organisation-list") not in overview


def test_without_any_organisation_the_list_404s(client, db):
    assert client.get(reverse("public:organisation-list")).status_code == 404


def test_the_list_filter_keeps_own_and_joint_measures(client, federation):
    url = reverse("public:measure-list")
    response = client.get(url, {"organisation": "amt-1"})
    assert 'name="organisation"' in response.content.decode()
    refs = sorted(m.reference for m in response.context["object_list"])
    assert refs == ["J-1", "S-1"]
    response = client.get(url, {"organisation": "amt-0"})
    assert sorted(m.reference for m in response.context["object_list"]) == ["J-1", "W-1"]
    overview = client.get(reverse("public:overview")).content.decode()
    assert reverse("public:organisation-list") in overview


def test_a_members_page_marks_joint_measures(client, federation):
    url = reverse("public:organisation-detail", args=["amt-1"])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Eigene Schenefeld" in page and "Gemeinsame" in page
    assert "Eigene Wilster" not in page and "Unveröffentlicht" not in page
    assert "gemeinsam mit" in page
    assert response.context["rollup"]["measure_count"] == 2
    assert client.get(reverse("public:organisation-detail", args=["nope"])).status_code == 404


def test_a_joint_measure_counts_once_in_every_total(federation):
    rows = {r["organisation"].slug: r for r in member_rows(Organisation.objects.all())}
    wilster, schenefeld = rows["amt-0"], rows["amt-1"]
    assert (wilster["own_count"], wilster["joint_count"]) == (2, 0)
    assert (schenefeld["own_count"], schenefeld["joint_count"]) == (1, 1)
    assert wilster["cost"] == Decimal("26000")  # 15,000 + 15,000 - 4,000
    assert schenefeld["cost"] == Decimal("19000")  # 15,000 + 4,000
    assert wilster["funding"] == Decimal("6000") and schenefeld["funding"] == 0
    total = federation_total()
    assert total["measure_count"] == 3
    assert total["planned_cost"] == sum(r["cost"] for r in rows.values()) == Decimal("45000")
    assert total["funding"] == sum(r["funding"] for r in rows.values())
    assert sum(e["count"] for e in schenefeld["lights"]) == 2


def test_the_comparison_page_shows_every_member(client, federation):
    response = client.get(reverse("public:organisation-list"))
    page = response.content.decode()
    assert "Amt 0" in page and "Amt 1" in page
    # The root leads nothing here and is left out of the rows.
    assert [r["organisation"].slug for r in response.context["rows"]] == ["amt-0", "amt-1"]


def comparison_queries(client, django_assert_max_num_queries, root, n, start):
    for organisation in members(root, n, start):
        index = organisation.slug
        for i in range(3):
            measure = MeasureFactory(reference=f"{index}-{i}", lead_organisation=organisation)
            FundingLineFactory(measure=measure)
        joint(measure, root, 100)
    with django_assert_max_num_queries(12) as captured:
        response = client.get(reverse("public:organisation-list"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == start + n + 1  # with the root, which shares
    return len(captured.captured_queries)


def test_the_comparison_needs_as_many_queries_for_two_members_as_for_six(
    client, django_assert_max_num_queries, root
):
    two = comparison_queries(client, django_assert_max_num_queries, root, 2, 0)
    six = comparison_queries(client, django_assert_max_num_queries, root, 4, 2)
    assert two == six


def test_a_members_page_needs_no_query_per_measure(client, django_assert_max_num_queries, root):
    (amt,) = members(root, 1)

    def count(n):
        for _i in range(n):
            joint(MeasureFactory(lead_organisation=root), amt, 10)
        with django_assert_max_num_queries(20) as captured:
            client.get(reverse("public:organisation-detail", args=[amt.slug]))
        return len(captured.captured_queries)

    assert count(3) == count(27)


def test_a_joint_measures_page_names_lead_and_partners(client, federation):
    page = client.get(reverse("public:measure-detail", args=["J-1"])).content.decode()
    assert "Federführende Körperschaft" in page and "Gemeinsam mit" in page
    assert reverse("public:organisation-detail", args=["amt-1"]) in page


def test_with_one_organisation_a_measures_page_names_none(client, root):
    MeasureFactory(reference="R-1", lead_organisation=root)
    page = client.get(reverse("public:measure-detail", args=["R-1"])).content.decode()
    assert "Federführende Körperschaft" not in page
