"""The indicator chart: a pure function from plain data to a safe, self-describing SVG."""

import datetime
import re
from xml.etree import ElementTree

from django.utils import translation

from strategy.indicators.chart import indicator_svg, nice_ticks, safe_id

SVG = "{http://www.w3.org/2000/svg}"


def data(**extra):
    return {
        "id": 7,
        "name": "Online-Dienste",
        "unit": "%",
        "baseline_value": "20",
        "baseline_date": "2024-01-01",
        "target_value": "80",
        "target_date": "2028-12-31",
        "light": "at_risk",
        "values": [("2025-01-01", "30"), (datetime.date(2026, 1, 1), "41.5")],
        **extra,
    }


def parsed(svg):
    # Our own SVG, made in this test from fixed data.
    return ElementTree.fromstring(svg)  # noqa: S314


def test_the_chart_names_itself_and_describes_baseline_target_latest_value_and_light():
    with translation.override("de"):
        svg = indicator_svg(data())
    root = parsed(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    desc = root.find(f"{SVG}desc")
    assert desc.get("id") == desc_id
    assert "20\u00a0\u2068%\u2069" in desc.text and "80\u00a0\u2068%\u2069" in desc.text
    assert "41,5\u00a0\u2068%\u2069" in desc.text and "01.01.2026" in desc.text
    assert "Gefährdet" in desc.text
    assert "Online-Dienste" in root.find(f"{SVG}title").text


def test_plan_is_dashed_actual_values_are_a_line_with_a_marker_each_and_the_target_marked():
    root = parsed(indicator_svg(data()))
    dashed = [e for e in root.iter(f"{SVG}line") if e.get("stroke-dasharray")]
    assert len(dashed) == 2  # the legend's sample and the path itself
    (polyline,) = root.iter(f"{SVG}polyline")
    assert len(polyline.get("points").split()) == 2
    markers = [c for c in root.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]
    assert len(markers) == 2
    targets = [p for p in root.iter(f"{SVG}path") if p.find(f"{SVG}title") is not None]
    assert len(targets) == 1 and "31.12.2028" in targets[0].find(f"{SVG}title").text


def test_the_time_axis_shows_the_years_and_the_value_axis_round_ticks():
    texts = [t.text for t in parsed(indicator_svg(data())).iter(f"{SVG}text")]
    for year in ("2025", "2026", "2027", "2028"):
        assert year in texts
    assert {"20", "40", "60", "80"} <= set(texts)
    assert nice_ticks(0.5, 0.9) == [0.5, 0.6, 0.7, 0.8, 0.9]
    assert nice_ticks(20, 80) == [20, 40, 60, 80]


def test_an_indicator_without_values_still_draws_the_plan():
    with translation.override("de"):
        root = parsed(indicator_svg(data(values=[], light="unrated")))
    assert not list(root.iter(f"{SVG}polyline"))
    assert "noch kein Wert" in root.find(f"{SVG}desc").text


def test_markup_in_name_unit_and_id_is_escaped_and_ids_stay_safe():
    svg = indicator_svg(
        data(id='"><script>alert(1)</script>', name="<script>x</script>", unit="<b>%")
    )
    assert "<script>" not in svg and "<b>" not in svg
    root = parsed(svg)  # still well-formed XML
    for element in root.iter():
        if element.get("id"):
            assert re.fullmatch(r"[A-Za-z0-9-]+", element.get("id"))


def test_the_name_is_isolated_so_a_right_to_left_override_stays_inside_it():
    svg = indicator_svg(data(name="\u202eevil"))
    assert "\u2068\u202eevil\u2069" in svg


def test_two_keys_that_slug_alike_get_different_ids():
    assert safe_id("c", "a b") != safe_id("c", "a-b")
    first = parsed(indicator_svg(data(), key="a b")).get("aria-labelledby")
    second = parsed(indicator_svg(data(), key="a-b")).get("aria-labelledby")
    assert first != second
