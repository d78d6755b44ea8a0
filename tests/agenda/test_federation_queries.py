"""Query bounds of the federation's pages: as many queries for 8 members and many measures as
for 2 members and a few (bench/federation.py measures the same pages at 50 members)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import MeasureOrganisation, StaffProfile
from strategy.staff import roles
from tests.conftest import user_with_role
from tests.factories import (
    IdeaFactory,
    MeasureFactory,
    OrganisationFactory,
    measure_with_parts,
    overridden_with_draft,
)

# Far above today's counts (8-13): the equality below is the real bound.
CEILING = 25


def grow(root, members, new_members, measures_each):
    """Add members, each with own measures (with all their parts), joint measures shared
    with the first member and the root, and ideas addressed to it."""
    start = len(members)
    for i in range(start, start + new_members):
        member = OrganisationFactory(name=f"Amt {i}", slug=f"amt-{i}", parent=root)
        members.append(member)
        for _n in range(measures_each):
            own = measure_with_parts(lead_organisation=member)
            joint = MeasureFactory(lead_organisation=member)
            for partner in {members[0], root} - {member}:
                MeasureOrganisation.objects.create(
                    measure=joint,
                    organisation=partner,
                    share_one_off_cost=Decimal(1000),
                    share_external_cost=Decimal(500),
                    share_staff_days=Decimal(2),
                )
            IdeaFactory(organisation=member)
        overridden_with_draft(own)
        MeasureFactory(lead_organisation=member, is_published=False)
    return members


def queries(client, url):
    client.get(url)  # caches filled once (content types, the site profile), as in production
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert len(captured.captured_queries) <= CEILING, captured.captured_queries
    return len(captured.captured_queries)


@pytest.fixture
def federation(db):
    root = OrganisationFactory(name="Verbund", slug="verbund", kind="verbund", parent=None)
    return root, grow(root, [], 2, 2)


@pytest.fixture
def member_editor(federation):
    user = user_with_role(roles.EDITORS, username="wilma")
    StaffProfile.objects.create(user=user, organisation=federation[1][0])
    return user


PAGES = {
    "comparison": lambda: reverse("public:organisation-list"),
    "member page": lambda: reverse("public:organisation-detail", args=["amt-0"]),
    "public list of a member": lambda: reverse("public:measure-list") + "?organisation=amt-0",
    "dashboard": lambda: reverse("dashboard"),
    "staff measure list": lambda: reverse("measures:measure-list"),
}
STAFF_PAGES = {"dashboard", "staff measure list"}


@pytest.mark.parametrize("page", PAGES)
def test_queries_do_not_grow_with_members_and_measures(client, federation, member_editor, page):
    root, members = federation
    if page in STAFF_PAGES:
        client.force_login(member_editor)  # the Redaktion of the first member
    url = PAGES[page]()
    two = queries(client, url)
    grow(root, members, 6, 5)
    eight = queries(client, url)
    assert eight == two, f"{page}: {two} queries for 2 members, {eight} for 8"


def test_the_grown_federation_shows_on_every_page(client, federation, member_editor):
    """The second count is of pages that show more, not of pages that stopped at an error."""
    root, members = federation
    grow(root, members, 6, 5)
    rows = client.get(PAGES["comparison"]()).context["rows"]
    assert len(rows) == 9  # 8 members and the root, which shares joint measures
    first = next(row for row in rows if row["organisation"].slug == "amt-0")
    assert (first["own_count"], first["joint_count"]) == (4, 32)
    page = client.get(PAGES["member page"]())
    assert len(page.context["measures"]) == 36
    client.force_login(member_editor)
    listing = client.get(PAGES["staff measure list"]())
    assert listing.context["paginator"].count == 2 * (2 * 2 + 1) + 6 * (2 * 5 + 1)
