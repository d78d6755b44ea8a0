from django import template

register = template.Library()


@register.simple_tag
def measure_priority(measure):
    """Score, rank and scores of one measure (measures/priorities/views.py)."""
    from measures.priorities.views import measure_priority as build

    return build(measure)
