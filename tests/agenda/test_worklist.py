"""“Meine Aufgaben”: what is due per kind at its boundaries, and the query bound."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agenda.models import SiteProfile
from agenda.worklist.items import due_items, flat
from measures.models import FundingDeadline, StaffProfile
from participation.models import Idea
from tests.factories import (
    ActorFactory,
    FundingLineFactory,
    FundingProgrammeFactory,
    IdeaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
    MilestoneFactory,
    ProgressReportFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
DAY = datetime.timedelta(days=1)


def keys(user, today=TODAY):
    return {item.key for item in flat(due_items(user, today))}


def test_a_measure_reported_exactly_the_interval_ago_is_not_due(department):
    m = MeasureFactory(contact_person=department, status="in_progress")
    ProgressReportFactory(measure=m, date=TODAY - 90 * DAY)
    assert f"report:measure:{m.pk}" not in keys(department)


def test_a_measure_reported_one_day_longer_ago_is_due(department):
    m = MeasureFactory(contact_person=department, status="in_progress")
    ProgressReportFactory(measure=m, date=TODAY - 91 * DAY)
    items = due_items(department, TODAY)["report"]
    assert [i.key for i in items] == [f"report:measure:{m.pk}"]
    assert items[0].overdue_days(TODAY) == 1


def test_the_interval_comes_from_the_site_profile(department):
    SiteProfile.objects.create(name="Kreis", update_interval_days=30)
    m = MeasureFactory(contact_person=department, status="planned")
    ProgressReportFactory(measure=m, date=TODAY - 31 * DAY)
    assert f"report:measure:{m.pk}" in keys(department)


def test_a_draft_counts_as_a_report(department):
    m = MeasureFactory(contact_person=department, status="on_hold")
    ProgressReportFactory(measure=m, date=TODAY - 5 * DAY, released_at=None)
    assert f"report:measure:{m.pk}" not in keys(department)


def test_only_own_open_measures_need_reports(department):
    never = MeasureFactory(contact_person=department, status="in_progress")
    done = MeasureFactory(contact_person=department, status="completed")
    idea = MeasureFactory(contact_person=department, status="idea")
    other = MeasureFactory(contact_person=UserFactory(), status="in_progress")
    found = keys(department)
    assert f"report:measure:{never.pk}" in found
    for m in (done, idea, other):
        assert f"report:measure:{m.pk}" not in found


def test_milestones_within_14_days_or_overdue_are_due(department):
    m = MeasureFactory(contact_person=department)
    inside = MilestoneFactory(measure=m, due_date=TODAY + 14 * DAY)
    outside = MilestoneFactory(measure=m, due_date=TODAY + 15 * DAY)
    overdue = MilestoneFactory(measure=m, due_date=TODAY - 3 * DAY)
    done = MilestoneFactory(measure=m, due_date=TODAY, done=True)
    items = due_items(department, TODAY)["milestone"]
    assert [i.key for i in items] == [f"milestone:{overdue.pk}", f"milestone:{inside.pk}"]
    assert outside.pk and done.pk
    assert items[0].overdue_days(TODAY) == 3


def test_planned_funding_lines_within_30_days_are_due(department):
    m = MeasureFactory(contact_person=department)
    inside = FundingLineFactory(measure=m, status="planned", application_deadline=TODAY + 30 * DAY)
    FundingLineFactory(measure=m, status="planned", application_deadline=TODAY + 31 * DAY)
    FundingLineFactory(measure=m, status="applied", application_deadline=TODAY + 3 * DAY)
    late = FundingLineFactory(measure=m, status="planned", application_deadline=TODAY - 2 * DAY)
    items = due_items(department, TODAY)["funding"]
    assert [i.key for i in items] == [f"funding-line:{late.pk}", f"funding-line:{inside.pk}"]


def test_programme_deadlines_concern_the_lines_they_apply_to(department):
    programme = FundingProgrammeFactory()
    m = MeasureFactory(contact_person=department)
    FundingLineFactory(measure=m, programme=programme, status="approved")
    application = FundingDeadline.objects.create(
        programme=programme, kind="application", date=TODAY + 10 * DAY
    )
    proof = FundingDeadline.objects.create(
        programme=programme, kind="proof_of_use", date=TODAY + 30 * DAY
    )
    FundingDeadline.objects.create(programme=programme, kind="proof_of_use", date=TODAY + 31 * DAY)
    found = keys(department)
    # The line is approved: the application deadline is no longer this user's business.
    assert f"deadline:{application.pk}" not in found
    assert f"deadline:{proof.pk}" in found
    assert f"deadline:{proof.pk}" not in keys(UserFactory())


def test_indicator_values_are_due_after_their_interval(department):
    due = IndicatorFactory(responsible=department, interval_days=30)
    IndicatorValueFactory(indicator=due, date=TODAY - 30 * DAY)
    not_yet = IndicatorFactory(responsible=department, interval_days=30)
    IndicatorValueFactory(indicator=not_yet, date=TODAY - 29 * DAY)
    someone_elses = IndicatorFactory(responsible=UserFactory(), interval_days=30)
    IndicatorValueFactory(indicator=someone_elses, date=TODAY - 300 * DAY)
    assert [i.key for i in due_items(department, TODAY)["indicator"]] == [f"indicator:{due.pk}"]


def test_open_ideas_routed_to_the_unit_are_due_overdue_first(department):
    unit = ActorFactory()
    StaffProfile.objects.create(user=department, unit=unit)
    later = IdeaFactory(responsible_unit=unit, answer_by=TODAY + 5 * DAY)
    overdue = IdeaFactory(responsible_unit=unit, answer_by=TODAY - DAY, state="in_review")
    IdeaFactory(responsible_unit=unit, state=Idea.State.ACCEPTED, answer_by=TODAY)
    IdeaFactory(responsible_unit=ActorFactory(), answer_by=TODAY)
    items = due_items(department, TODAY)["idea"]
    assert [i.key for i in items] == [f"idea:{overdue.pk}", f"idea:{later.pk}"]
    assert items[0].url == reverse("participation:idea-answer", args=[overdue.pk])


def test_a_members_unit_sees_only_ideas_addressed_to_its_member(department):
    from tests.factories import OrganisationFactory

    root = OrganisationFactory(name="Verbund", slug="verbund", kind="verbund", parent=None)
    wilster = OrganisationFactory(name="Amt Wilstermarsch", slug="wilster", parent=root)
    schenefeld = OrganisationFactory(name="Amt Schenefeld", slug="schenefeld", parent=root)
    unit = ActorFactory()
    StaffProfile.objects.create(user=department, unit=unit, organisation=wilster)
    own = IdeaFactory(responsible_unit=unit, organisation=wilster)
    IdeaFactory(responsible_unit=unit, organisation=schenefeld)
    IdeaFactory(responsible_unit=unit, organisation=None)  # the federation's: the root's staff
    assert [i.key for i in due_items(department, TODAY)["idea"]] == [f"idea:{own.pk}"]


def fill(user, unit, n):
    programme = FundingProgrammeFactory()
    FundingDeadline.objects.create(programme=programme, kind="application", date=TODAY + DAY)
    for i in range(n):
        m = MeasureFactory(contact_person=user, status="in_progress")
        ProgressReportFactory(measure=m, date=TODAY - 200 * DAY)
        MilestoneFactory(measure=m, due_date=TODAY + (i % 10) * DAY)
        FundingLineFactory(measure=m, status="planned", application_deadline=TODAY + DAY)
        FundingLineFactory(measure=m, status="planned", programme=programme)
        FundingDeadline.objects.create(
            programme=FundingLineFactory(measure=m, status="planned").programme
            or FundingProgrammeFactory(),
            kind="other",
            date=TODAY,
        )
        indicator = IndicatorFactory(responsible=user, interval_days=30)
        IndicatorValueFactory(indicator=indicator, date=TODAY - 100 * DAY)
        IdeaFactory(responsible_unit=unit, answer_by=TODAY)


def count_queries(user):
    with CaptureQueriesContext(connection) as ctx:
        found = flat(due_items(user, TODAY))
    return len(ctx.captured_queries), len(found)


def test_collecting_takes_the_same_queries_for_few_and_many_rows(department):
    few, many = UserFactory(), UserFactory()
    for user, n in ((few, 2), (many, 25)):
        unit = ActorFactory()
        StaffProfile.objects.create(user=user, unit=unit)
        fill(user, unit, n)
    few_queries, few_items = count_queries(few)
    many_queries, many_items = count_queries(many)
    assert many_items > few_items * 5
    # One per kind, the site profile, and the permission check (user and group rights).
    assert few_queries == many_queries <= 9


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_keeps_its_query_bound(client, department, django_assert_max_num_queries, count):
    today = datetime.date.today()
    unit = ActorFactory()
    StaffProfile.objects.create(user=department, unit=unit)
    for i in range(count):
        m = MeasureFactory(contact_person=department, status="in_progress")
        ProgressReportFactory(measure=m, date=today - 200 * DAY)
        MilestoneFactory(measure=m, due_date=today + (i % 10) * DAY)
        IdeaFactory(responsible_unit=unit, answer_by=today)
    client.force_login(department)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("worklist:index"))
    assert response.status_code == 200
    assert response.content.decode().count('class="worklist-row') == count


def test_the_page_says_how_late_an_item_is(client, department):
    today = datetime.date.today()
    m = MeasureFactory(contact_person=department, status="in_progress", reference="7.1-1")
    MilestoneFactory(measure=m, title="Vergabe", due_date=today - 3 * DAY)
    client.force_login(department)
    page = client.get(reverse("worklist:index")).content.decode()
    assert "überfällig seit 3 Tagen" in page
    assert "Noch kein Sachstand" in page
    assert "Keine Förderfrist in den nächsten 30 Tagen." in page
    assert 'href="/intern/aufgaben/"' in page
