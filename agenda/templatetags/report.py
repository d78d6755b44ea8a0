import datetime

from django import template
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

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


@register.simple_tag
def period(start, end, fmt="d.m.Y"):
    """Two ISO dates as a period; an open side is said in words, never shown as a bare dash."""
    start, end = isodate(start), isodate(end)
    if start and end:
        return f"{format_date(start, fmt)} – {format_date(end, fmt)}"
    if start:
        return _("since %(date)s") % {"date": format_date(start, fmt)}
    if end:
        return _("until %(date)s") % {"date": format_date(end, fmt)}
    return "–"
