"""The start page: the agenda at a glance, the newest public reports and answers, one call."""

import datetime
import re

import pytest
from django.utils import timezone

from participation.models import Idea
from tests.factories import (
    ActionFieldFactory,
    IdeaFactory,
    MeasureFactory,
    ProgressReportFactory,
    answered_idea,
)

pytestmark = pytest.mark.django_db


def page(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_start_page_shows_the_newest_public_report_and_answered_idea(client):
    measure = MeasureFactory(title="Digitales Bürgerbüro")
    ProgressReportFactory(measure=measure, date=datetime.date(2026, 1, 5), text="Alter Stand.")
    ProgressReportFactory(measure=measure, date=datetime.date(2026, 5, 5), text="Neuer Stand.")
    answered_idea(title="Ältere Antwort", answered_at=timezone.now() - datetime.timedelta(days=9))
    answered_idea(title="Frische Antwort", public_answer="Wir setzen das 2027 um.")
    html = page(client)
    assert "Neuer Stand." in html
    assert html.index("Neuer Stand.") < html.index("Alter Stand.")
    assert f'href="/agenda/massnahmen/{measure.reference}/"' in html
    assert "Frische Antwort" in html and "Wir setzen das 2027 um." in html
    assert html.index("Frische Antwort") < html.index("Ältere Antwort")


def test_the_start_page_never_shows_what_the_public_may_not_see(client):
    draft_measure = MeasureFactory(title="Geheimprojekt", is_published=False)
    ProgressReportFactory(measure=draft_measure, text="Bericht einer Entwurfsmaßnahme.")
    public_measure = MeasureFactory()
    ProgressReportFactory(measure=public_measure, text="Noch nicht freigegeben.", released_at=None)
    IdeaFactory(title="Unbeantwortete Idee", state=Idea.State.NEW)
    IdeaFactory(
        title="Idee in Prüfung", state=Idea.State.IN_REVIEW, public_answer="Vorläufige Notiz."
    )
    answered_idea(title="Versteckte Idee", is_hidden=True)
    answered_idea(title="Beantwortet ohne Antworttext", public_answer="")
    html = page(client)
    for hidden in [
        "Geheimprojekt",
        "Bericht einer Entwurfsmaßnahme.",
        "Noch nicht freigegeben.",
        "Unbeantwortete Idee",
        "Idee in Prüfung",
        "Vorläufige Notiz.",
        "Versteckte Idee",
        "Beantwortet ohne Antworttext",
    ]:
        assert hidden not in html, hidden


def test_the_start_page_has_one_primary_call_to_hand_in_an_idea(client):
    MeasureFactory()
    html = page(client)
    main = html[html.index("<main") : html.index("</main>")]
    primary = re.findall(r'<a class="kern-btn kern-btn--primary" href="([^"]+)"', main)
    assert primary == ["/ideen/neu/"], primary
    assert "Idee einreichen" in main
    assert 'class="kern-progress"' in main and "<progress" in main


def test_the_key_figures_count_published_measures_and_their_shares(client):
    field = ActionFieldFactory()
    MeasureFactory(action_field=field, status="completed")
    MeasureFactory(action_field=field, status="in_progress")
    MeasureFactory(action_field=field, status="in_progress")
    MeasureFactory(action_field=field, status="planned")
    MeasureFactory(action_field=field, status="completed", is_published=False)
    context = client.get("/").context
    assert context["measure_total"] == 4
    assert context["completed_share"] == 25
    assert context["in_progress_share"] == 50


def many_public_rows(rows):
    for i in range(rows):
        measure = MeasureFactory()
        ProgressReportFactory(measure=measure, date=datetime.date(2026, 1, 1 + i % 28))
        ProgressReportFactory(measure=MeasureFactory(is_published=False))
        answered_idea(measure=measure, state=Idea.State.PROMOTED)
        IdeaFactory()


@pytest.mark.parametrize("rows", [2, 30])
def test_the_start_page_needs_the_same_queries_for_few_or_many_reports_and_ideas(
    client, django_assert_max_num_queries, rows
):
    many_public_rows(rows)
    with django_assert_max_num_queries(7):
        html = page(client)
    assert html.count('id="report-') == min(rows, 4)
    assert html.count('id="answered-') == min(rows, 4)
