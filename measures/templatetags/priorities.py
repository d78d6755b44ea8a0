from django import template

register = template.Library()


@register.simple_tag
def measure_priority(measure):
    """Score, rank and scores of one measure (measures/priorities/views.py)."""
    from measures.priorities.views import measure_priority as build

    return build(measure)


@register.simple_tag
def portfolio_chart(points):
    """The portfolio SVG from plain points (works on snapshot data in the report)."""
    from measures.priorities.chart import portfolio_svg

    return portfolio_svg(points or [])


@register.simple_tag
def published_priority(measure):
    """The measure's scores and rank, only when staff published them with the idea answer."""
    from measures.priorities.models import PriorityPublication
    from measures.priorities.views import measure_priority as build

    if measure is None or not PriorityPublication.objects.filter(measure=measure).exists():
        return None
    return build(measure)


@register.simple_tag
def report_priorities(snapshot):
    """The snapshot's prioritisation, narrowed to the measures this report shows."""
    from measures.priorities.report import shown

    return shown(snapshot.get("priorities") or {}, snapshot)
