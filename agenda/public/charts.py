"""The report's charts on the public site: the same SVG, from the published agenda."""

from django.core.cache import cache
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from agenda.public.by_organisation import choice_context, member_share
from agenda.report import charts
from agenda.report.snapshot import build_snapshot, select
from strategy.models import ActionField, Organisation

CACHE_KEY = "agenda:public-snapshot"
CACHE_SECONDS = 300
SEVERAL_KEY = "agenda:public-several-organisations"


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


def several_organisations():
    """Whether the choice of organisation shows, cached as long as the snapshot: a portal
    with one organisation renders its cached figures without any query."""
    return cache.get_or_set(SEVERAL_KEY, Organisation.objects.several, CACHE_SECONDS)


def snapshot_of(organisation=None):
    """The published agenda, or one organisation's part of it with its share of the money."""
    snapshot = published_snapshot()
    return member_share(snapshot, organisation) if organisation else snapshot


@require_safe
def figures(request):
    chosen, context = choice_context(request, several_organisations())
    snapshot = snapshot_of(chosen)
    context["charts"] = [inline(chart) for chart in charts.overview_charts(snapshot)]
    return render(request, "agenda/public/figures.html", context)


def field_timeline(field, organisation=None):
    """The field's timeline chart, or None when the field is not in the published agenda."""
    for fld in snapshot_of(organisation)["fields"]:
        if fld["code"] == field.code:
            return inline(charts.field_timeline(fld))
    return None


@require_safe
def field_figures(request, slug):
    field = get_object_or_404(ActionField, slug=slug)
    chosen, context = choice_context(request, several_organisations())
    context.update(field=field, chart=field_timeline(field, chosen))
    return render(request, "agenda/public/field_figures.html", context)
