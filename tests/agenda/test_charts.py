"""Charts are SVG built from strings: whatever staff type must come out escaped."""

import re

import pytest
from django.utils import translation

from agenda.report import charts
from agenda.report.snapshot import build_snapshot
from strategy.forms import ActionFieldForm
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


def test_a_field_code_with_markup_cannot_break_out_of_the_timeline_ids():
    # Stored before codes were validated (or through the admin): the chart must still hold.
    field = ActionFieldFactory(code='4" x="y', title="T")
    measure_with_parts(action_field=field, reference="4.1-1")
    svg = charts.field_timeline(build_snapshot()["fields"][0]).svg
    assert 'x="y' not in svg
    ids = re.findall(r'\bid="([^"]*)"', svg)
    labelled = re.search(r'aria-labelledby="([^"]*)"', svg).group(1).split()
    assert ids and set(labelled) <= set(ids)
    for value in ids:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", value), value


def test_two_field_codes_that_slug_alike_still_get_different_chart_ids():
    first = ActionFieldFactory(code="4.1", title="A")
    second = ActionFieldFactory(code="4-1", title="B")
    for field in (first, second):
        measure_with_parts(action_field=field, reference=f"{field.code}-1")
    keys = {charts.field_timeline(f).key for f in build_snapshot()["fields"]}
    assert len(keys) == 2


@pytest.mark.parametrize("code", ["4", "4.1", "10.2.3", "A2", "B"])
def test_plain_field_codes_are_accepted(code):
    form = ActionFieldForm({"code": code, "title": "Feld", "perspective": "internal"})
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("code", ['4"><b>', "4 1", "<b>", "4.", ".4", "4..1", "ä1"])
def test_field_codes_with_other_characters_are_refused_with_a_german_message(code):
    with translation.override("de"):
        form = ActionFieldForm({"code": code, "title": "Feld", "perspective": "internal"})
        assert not form.is_valid()
        assert "Nummer" in " ".join(form.errors["code"])
