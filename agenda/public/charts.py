"""The report's charts on the public site: the same SVG, from the published agenda."""

from django.core.cache import cache
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from agenda.report import charts
from agenda.report.snapshot import build_snapshot, select
from strategy.models import ActionField

CACHE_KEY = "agenda:public-snapshot"
CACHE_SECONDS = 300


def published_snapshot():
    """The published agenda as plain data, built at most every five minutes."""
    return cache.get_or_set(
        CACHE_KEY, lambda: select(build_snapshot(), include_unpublished=False), CACHE_SECONDS
    )


def inline(chart):
    # Our own SVG, not user markup: every text in it went through escape() in agenda.charts
    # (tested with "<script>" in titles in tests/agenda/test_charts.py).
    chart.inline = mark_safe(chart.svg)  # noqa: S308  # nosec B308 B703
    return chart


@require_safe
def figures(request):
    snapshot = published_snapshot()
    context = {"charts": [inline(chart) for chart in charts.overview_charts(snapshot)]}
    return render(request, "agenda/public/figures.html", context)


def field_timeline(field):
    """The field's timeline chart, or None when the field is not in the published agenda."""
    for fld in published_snapshot()["fields"]:
        if fld["code"] == field.code:
            return inline(charts.field_timeline(fld))
    return None


@require_safe
def field_figures(request, slug):
    field = get_object_or_404(ActionField, slug=slug)
    return render(
        request,
        "agenda/public/field_figures.html",
        {"field": field, "chart": field_timeline(field)},
    )
