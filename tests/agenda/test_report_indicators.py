"""The report's indicators: plain data in the snapshot, a section with chart and table each."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from agenda.report.render import render_html, report_context
from agenda.report.snapshot import build_snapshot, select
from tests.factories import (
    ActionFieldFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    measure_with_parts,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    goal = GoalFactory(action_field=ActionFieldFactory(code="4.1"), title="Online-Angebote")
    indicator = IndicatorFactory(
        goal=goal, name="Online-Dienste", unit="%", values_are_examples=True
    )
    IndicatorValueFactory(indicator=indicator, date=datetime.date(2025, 1, 1), value=30)
    IndicatorValueFactory(
        indicator=indicator, date=datetime.date(2026, 1, 1), value=90, comment="Ziel erreicht"
    )
    return indicator


def test_the_snapshot_holds_each_indicator_as_plain_data(indicator):
    (data,) = build_snapshot()["indicators"]
    assert data == {
        "id": indicator.pk,
        "goal_id": indicator.goal_id,
        "goal_title": "Online-Angebote",
        "field_code": "4.1",
        "name": "Online-Dienste",
        "unit": "%",
        "description": "",
        "source": "Statistik des Amtes",
        "baseline_value": "20.00",
        "baseline_date": "2025-01-01",
        "target_value": "80.00",
        "target_date": "2028-01-01",
        "direction": "increase",
        "light": "done",
        "latest_value": "90.00",
        "latest_date": "2026-01-01",
        "values": [
            {"date": "2025-01-01", "value": "30.00", "comment": ""},
            {"date": "2026-01-01", "value": "90.00", "comment": "Ziel erreicht"},
        ],
        "values_are_examples": True,
    }


def test_a_report_of_one_field_keeps_only_its_indicators(indicator):
    IndicatorFactory(goal=GoalFactory(action_field=ActionFieldFactory(code="5.1")))
    snapshot = build_snapshot()
    assert len(select(snapshot)["indicators"]) == 2
    assert [i["id"] for i in select(snapshot, field_code="4.1")["indicators"]] == [indicator.pk]


def test_an_edition_frozen_before_indicators_renders_without_them(indicator):
    snapshot = build_snapshot()
    del snapshot["indicators"]
    assert report_context(snapshot, audience="public")["indicators"] == []
    assert "<html" in render_html(snapshot, audience="public")


def test_the_indicator_section_shows_heading_light_chart_and_values(indicator):
    context = report_context(build_snapshot(), audience="public")
    (item,) = context["indicators"]
    assert item["chart_svg"].startswith("<svg") and 'role="img"' in item["chart_svg"]
    assert item["chart_image"].startswith("data:image/svg+xml;base64,")
    with translation.override("de"):
        html = render_to_string("report/indicators.html", {"indicators": context["indicators"]})
    assert "4.1 · <bdi>Online-Dienste</bdi>" in html
    assert "✔ Ampel: Abgeschlossen" in html
    assert item["chart_image"] in html
    assert "01.01.2026" in html and "90\u00a0<bdi>%</bdi>" in html and "Ziel erreicht" in html
    assert "Beispielwerte" in html


def test_the_snapshot_needs_the_same_queries_for_3_or_30_indicators(
    django_assert_max_num_queries,
):
    measure_with_parts()
    for _ in range(3):
        IndicatorValueFactory()
    with django_assert_max_num_queries(30) as small:
        build_snapshot()
    for _ in range(27):
        IndicatorValueFactory(indicator=IndicatorFactory())
    with django_assert_max_num_queries(len(small.captured_queries)):
        snapshot = build_snapshot()
    assert len(snapshot["indicators"]) == 30
