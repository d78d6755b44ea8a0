import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import (
    ActionFieldFactory,
    FundingLineFactory,
    MeasureFactory,
    MilestoneFactory,
    ProgressReportFactory,
)
from tests.plans import LONG_AGO

pytestmark = pytest.mark.django_db


def test_dashboard_shows_what_needs_attention(editor_client):
    today = datetime.date.today()
    measure = MeasureFactory(title="Glasfaser", status="in_progress")
    ProgressReportFactory(measure=measure, date=today - datetime.timedelta(days=200))
    MilestoneFactory(measure=measure, title="Vergabe", due_date=today + datetime.timedelta(days=10))
    MilestoneFactory(
        measure=measure, title="Weit weg", due_date=today + datetime.timedelta(days=200)
    )
    FundingLineFactory(
        measure=measure,
        status="planned",
        note="x",
        application_deadline=today + datetime.timedelta(days=20),
    )
    html = editor_client.get(reverse("dashboard")).content.decode()
    assert "Vergabe" in html
    assert "Weit weg" not in html
    assert (today + datetime.timedelta(days=20)).strftime("%d.%m.%Y") in html
    assert "Glasfaser" in html


@pytest.mark.parametrize("count", [5, 300])
def test_dashboard_query_count_does_not_grow(editor_client, django_assert_max_num_queries, count):
    today = datetime.date.today()
    fields = [ActionFieldFactory() for _ in range(3)]
    for i in range(count):
        m = MeasureFactory(
            status="in_progress" if i % 2 else "planned",
            action_field=fields[i % 3],
            # Every third one is overdue, so the list of delayed measures grows with the rows.
            planned_end=datetime.date(2020, 1, 1) if i % 3 == 0 else None,
            planned_start=datetime.date(2019, 1, 1) if i % 3 == 0 else None,
        )
        MilestoneFactory(measure=m, due_date=today + datetime.timedelta(days=i % 50))
        FundingLineFactory(
            measure=m, status="planned", application_deadline=today + datetime.timedelta(days=5)
        )
        ProgressReportFactory(measure=m, problems="Lieferverzug", released_at=None)
    # Session and user, 2 permission lookups, status counts, 2 roll-ups and the fields, the
    # delayed measures, milestones, 2 kinds of funding deadline, stale measures, drafts.
    with django_assert_max_num_queries(13):
        assert editor_client.get(reverse("dashboard")).status_code == 200


def test_dashboard_rolls_up_lights_progress_and_cost(editor_client):
    school, health = ActionFieldFactory(title="Bildung"), ActionFieldFactory(title="Gesundheit")
    late = MeasureFactory(
        action_field=school,
        title="Glasfaser Schulen",
        status="in_progress",
        actual_cost=Decimal("4000"),
        **LONG_AGO,
    )
    ProgressReportFactory(
        measure=late, percent=40, problems="Tiefbau verzögert", next_steps="Neue Vergabe"
    )
    MeasureFactory(action_field=school, status="completed", actual_cost=Decimal("1000"))
    MeasureFactory(
        action_field=health,
        title="Telemedizin",
        status="planned",
        light_override="at_risk",
        override_reason="Partnerklinik steigt aus",
        override_until=datetime.date.today() + datetime.timedelta(days=10),
    )
    MeasureFactory(action_field=health, status="dropped")
    response = editor_client.get(reverse("dashboard"))
    total = response.context["agenda_rollup"]
    assert (total["measure_count"], total["n_delayed"], total["n_at_risk"], total["n_done"]) == (
        3,
        1,
        1,
        1,
    )
    assert total["progress"] == round((40 + 100 + 0) / 3)
    assert (total["planned_cost"], total["actual_cost"]) == (Decimal("45000"), Decimal("5000"))
    by_field = {field.title: row for field, row in response.context["by_field"]}
    assert (by_field["Bildung"]["progress"], by_field["Bildung"]["actual_cost"]) == (70, 5000)
    assert by_field["Gesundheit"]["n_at_risk"] == 1
    attention = [(m.title, m.light) for m in response.context["attention"]]
    assert attention == [("Glasfaser Schulen", "delayed"), ("Telemedizin", "at_risk")]
    html = response.content.decode()
    assert "Tiefbau verzögert" in html and "Neue Vergabe" in html
    assert "Partnerklinik steigt aus" in html
    assert "45.000\u00a0€" in html


def test_dashboard_points_releasing_users_to_the_drafts(client, editor, reader):
    ProgressReportFactory.create_batch(2, released_at=None)
    client.force_login(editor)
    html = client.get(reverse("dashboard")).content.decode()
    assert "2 Sachstände warten auf Freigabe" in html
    client.force_login(reader)
    assert "warten auf Freigabe" not in client.get(reverse("dashboard")).content.decode()
