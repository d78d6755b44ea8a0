import datetime

from django import template

register = template.Library()


@register.filter
def isodate(value):
    """An ISO date string from a snapshot as a date, for the |date filter."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@register.filter
def label(value, labels):
    """The display label of a stored choice value, from a {value: label} dict."""
    return labels.get(str(value), labels.get(value, value)) if labels else value
