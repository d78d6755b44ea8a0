"""The traffic light in templates: `{% light value %}` gives symbol and text, never colour only."""

import functools

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from strategy import lights

register = template.Library()

register.filter("light_label", lights.label)
register.filter("light_symbol", lights.symbol)


@register.simple_tag
def light(value, reason="", small=False):
    """A badge: symbol, label and, for an override, the reason as visible text next to it."""
    return _badge(get_language(), value or lights.Light.UNRATED, bool(reason), bool(small))


# A list shows one badge per row, and there are only a few distinct ones: rendered once each
# per language (the badge marks a reason as set by hand; it does not show its text).
@functools.lru_cache(maxsize=256)
def _badge(language, value, manual, small):
    return render_to_string(
        "includes/light.html",
        {
            "value": value,
            "label": lights.label(value),
            "symbol": lights.symbol(value),
            "reason": manual,
            "small": small,
        },
    )


@register.inclusion_tag("includes/light_counts.html")
def light_counts(row):
    """The lights of a roll-up row (Measure.objects.rollup) as a compact, labelled list."""
    return {"lights": [entry for entry in row["lights"] if entry["count"]], "row": row}
