"""The traffic light in templates: `{% light value %}` gives symbol and text, never colour only."""

from django import template
from django.template.loader import render_to_string

from strategy import lights

register = template.Library()

register.filter("light_label", lights.label)
register.filter("light_symbol", lights.symbol)


@register.simple_tag
def light(value, reason="", small=False):
    """A badge: symbol, label and, for an override, the reason as visible text next to it."""
    return render_to_string(
        "includes/light.html",
        {
            "value": value or lights.Light.UNRATED,
            "label": lights.label(value or lights.Light.UNRATED),
            "symbol": lights.symbol(value or lights.Light.UNRATED),
            "reason": reason,
            "small": small,
        },
    )


@register.inclusion_tag("includes/light_counts.html")
def light_counts(row):
    """The lights of a roll-up row (Measure.objects.rollup) as a compact, labelled list."""
    return {"lights": [entry for entry in row["lights"] if entry["count"]], "row": row}
