"""Indicators in templates: the chart as inline SVG, and a goal's indicators."""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from strategy.indicators import chart
from strategy.indicators.chart import indicator_svg, model_data

register = template.Library()


@register.filter(needs_autoescape=True)
def with_unit(value, unit, autoescape=True):
    """`{{ value|with_unit:indicator.unit }}`: 41,5 %, the unit isolated as user text."""
    if not autoescape:
        return chart.with_unit(value, unit)
    if not unit:
        return chart.figure(value)
    return format_html("{}\u00a0<bdi>{}</bdi>", chart.figure(value), unit)


@register.simple_tag
def indicator_chart(indicator, key=None):
    """The chart of an Indicator (values prefetched, light annotated) or of its plain data."""
    data = indicator if isinstance(indicator, dict) else model_data(indicator)
    # Our own SVG, not user markup: every text in it went through escape() in chart.py
    # (tested with "<script>" in names in tests/strategy/test_indicator_chart.py).
    return mark_safe(indicator_svg(data, key or None))  # noqa: S308  # nosec B308 B703


@register.inclusion_tag("strategy/indicators/goal_indicator_rows.html", takes_context=True)
def goal_indicators(context, goal):
    """A goal's indicators with their lights, in one query."""
    from strategy.models import Indicator

    user = context["request"].user
    indicators = Indicator.objects.with_light(timezone.localdate()).filter(goal=goal)
    return {
        "goal": goal,
        "indicators": indicators,
        # Indicators of another member's goal are that member's to add.
        "can_add": user.has_perm("strategy.add_indicator") and goal.can_be_edited_by(user),
    }
