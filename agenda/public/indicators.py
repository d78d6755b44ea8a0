"""Indicators on the public pages: they are public, with their values, chart and light."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from strategy.indicators.views import VALUES
from strategy.models import Indicator


def public_indicators(today=None):
    return (
        Indicator.objects.with_light(today or timezone.localdate())
        .select_related("goal__action_field")
        .prefetch_related(VALUES)
    )


def with_indicators(goals):
    """The goals as a list, each with `public_indicators`: two queries for any number."""
    goals = list(goals)
    by_goal = {}
    for indicator in public_indicators().filter(goal__in=[g.pk for g in goals]):
        by_goal.setdefault(indicator.goal_id, []).append(indicator)
    for goal in goals:
        goal.public_indicators = by_goal.get(goal.pk, [])
    return goals


@require_safe
def indicator_detail(request, pk):
    indicator = get_object_or_404(public_indicators(), pk=pk)
    return render(request, "agenda/public/indicator_detail.html", {"indicator": indicator})
