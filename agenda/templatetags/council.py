from django import template

from agenda.council.models import Decision

register = template.Library()


@register.filter
def decision_result(value):
    """A stored result ("adopted") as its translated label, for snapshots' plain values."""
    try:
        return Decision.Result(value).label
    except ValueError:
        return value
