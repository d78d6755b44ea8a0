"""What the report says, read as text: names what it compares with, no glitches."""

import datetime
import re

import pytest
from django.utils.html import strip_tags

from agenda.editions import services
from agenda.editions.forms import EditionForm
from agenda.report.render import render_html
from agenda.report.snapshot import build_snapshot
from measures.models import Measure
from strategy.models import Goal
from tests.factories import ActionFieldFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def text_of(html):
    """The text as a reader meets it: each element apart from the next, isolated text inline."""
    html = re.sub(r"</?bdi>", "", html)
    return re.sub(r"\s+", " ", strip_tags(re.sub(r"(<[^>]+>)", r"\1 ", html)))


def test_the_current_state_report_names_the_edition_it_compares_with(editor):
    field = ActionFieldFactory(code="4.1")
    MeasureFactory(action_field=field, reference="4.1-1", title="E-Akte")
    form = EditionForm({"title": "Fassung Frühjahr", "reporting_date": "2026-03-01"})
    assert form.is_valid(), form.errors
    services.freeze_edition(form=form, user=editor)
    report = services.request_report(user=editor)
    text = text_of(render_html(audience="public", **services.report_inputs(report)))
    assert "Verglichen mit der Fassung „Fassung Frühjahr“ vom 01.03.2026." in text


def test_goals_of_a_measure_are_listed_not_run_together_after_their_full_stops():
    field = ActionFieldFactory(code="4.1")
    measure = MeasureFactory(action_field=field, reference="4.1-1")
    measure.goals.set(
        [
            Goal.objects.create(action_field=field, title="Angebote, die dem Bedarf entsprechen."),
            Goal.objects.create(action_field=field, title="Verwaltungsabläufe digitalisieren."),
        ]
    )
    text = text_of(render_html(build_snapshot(), audience="public"))
    assert "entsprechen.;" not in text
    html = render_html(build_snapshot(), audience="public")
    goals = re.search(r"<dt>Ziele</dt>\s*<dd>(.*?)</dd>", html, re.S).group(1)
    assert re.findall(r"<li>(?:<bdi>)?(.*?)(?:</bdi>)?</li>", goals) == [
        "Angebote, die dem Bedarf entsprechen.",
        "Verwaltungsabläufe digitalisieren.",
    ]


def test_an_actual_period_without_an_end_reads_as_running_since():
    field = ActionFieldFactory(code="4.1")
    MeasureFactory(
        action_field=field,
        reference="4.1-1",
        status=Measure.Status.IN_PROGRESS,
        actual_start=datetime.date(2022, 1, 1),
        actual_end=None,
    )
    text = text_of(render_html(build_snapshot(), audience="public"))
    assert "– –" not in text
    assert "Tatsächlich seit 01.01.2022" in text
