import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    FundingLineFactory,
    MeasureFactory,
    MilestoneFactory,
    ProgressReportFactory,
)

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
    for i in range(count):
        m = MeasureFactory(status="in_progress" if i % 2 else "planned")
        MilestoneFactory(measure=m, due_date=today + datetime.timedelta(days=i % 50))
        FundingLineFactory(
            measure=m, status="planned", application_deadline=today + datetime.timedelta(days=5)
        )
    with django_assert_max_num_queries(12):
        assert editor_client.get(reverse("dashboard")).status_code == 200
