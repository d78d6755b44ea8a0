"""Charts are SVG built from strings: whatever staff type must come out escaped."""

import pytest

from agenda.report import charts
from agenda.report.snapshot import build_snapshot
from tests.factories import ActionFieldFactory, measure_with_parts

pytestmark = pytest.mark.django_db


def test_titles_with_markup_are_escaped_in_every_chart():
    field = ActionFieldFactory(title="<script>alert(1)</script>", code="9.1")
    measure_with_parts(action_field=field, reference="9.1-1")
    snapshot = build_snapshot()
    svgs = [chart.svg for chart in charts.overview_charts(snapshot)]
    svgs.append(charts.field_timeline(snapshot["fields"][0]).svg)
    for svg in svgs:
        assert "<script>" not in svg
    assert any("&lt;script&gt;" in svg for svg in svgs)


def test_every_chart_names_itself_for_screen_readers():
    measure_with_parts()
    for chart in charts.overview_charts(build_snapshot()):
        assert 'role="img"' in chart.svg
        assert f'<title id="{chart.key}-title">' in chart.svg
        assert "<desc" in chart.svg
