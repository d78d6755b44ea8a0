"""The portfolio chart (server-side SVG) on the ranked list, on the narrowest phone."""

import pytest

from tests.browser.conftest import log_in
from tests.factories import MeasureFactory, score_measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHART_JS = """() => {
  const svg = document.querySelector('svg.priority-portfolio');
  const box = svg.getBoundingClientRect();
  const labelled = (svg.getAttribute('aria-labelledby') || '').split(' ')
    .map((id) => document.getElementById(id)?.textContent || '');
  return {
    width: box.width, left: box.left, right: box.right, window: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    points: [...svg.querySelectorAll('g.point')].map((g) => g.querySelector('title')?.textContent),
    labelled: labelled,
  };
}"""


def test_the_portfolio_chart_fits_a_phone_names_its_points_and_has_a_table(
    browser, live_server, editor
):
    score_measure(
        MeasureFactory(reference="4.2-1", title="Breitband"),
        {"Wirkung auf die Ziele": 3, "Aufwand": 3},
    )
    score_measure(
        MeasureFactory(reference="4.1-4", title="E-Akte"),
        {"Wirkung auf die Ziele": 2, "Aufwand": 1},
    )
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 320, "height": 900}
    )
    page = context.new_page()
    try:
        log_in(page, editor.username)
        page.goto("/intern/prioritaeten/")
        chart = page.evaluate(CHART_JS)
        assert chart["scrollWidth"] <= chart["window"], chart
        assert chart["left"] >= 0 and chart["right"] <= chart["window"], chart
        # Each point is named by reference and title (the title isolated, FSI … PDI).
        titles = sorted(t.replace("\u2068", "").replace("\u2069", "") for t in chart["points"])
        assert titles == ["4.1-4 E-Akte", "4.2-1 Breitband"]
        assert all(chart["labelled"]), chart
        # The text alternative: a table with each charted measure's impact and effort.
        table = page.get_by_role("table", name="Werte im Portfolio")
        rows = table.locator("tbody tr")
        assert rows.count() == 2
        assert "Breitband" in table.inner_text() and "E-Akte" in table.inner_text()
    finally:
        context.close()
