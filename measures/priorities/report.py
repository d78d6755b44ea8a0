"""The prioritisation as plain data for the report's snapshot (two queries, any size)."""

from django.db.models import IntegerField, OuterRef, Subquery, Value

from measures.models import Measure
from measures.priorities.chart import share
from measures.priorities.models import Criterion, Score
from measures.priorities.ranking import ranked


def _axis_value(criterion):
    if criterion is None:
        return Value(None, output_field=IntegerField())
    scores = Score.objects.filter(measure=OuterRef("pk"), criterion=criterion)
    return Subquery(scores.values("value")[:1])


def priorities_snapshot():
    """Criteria, the ranking per action field and the chart's points, for published measures.

    Plain JSON types only, so an edition can freeze it and the chart can be drawn from it.
    """
    criteria = list(Criterion.objects.all())
    axes = {c.axis: c for c in criteria if c.axis}
    impact, effort = axes.get("impact"), axes.get("effort")
    measures = ranked(
        Measure.objects.published()
        .select_related("action_field")
        .annotate(impact_value=_axis_value(impact), effort_value=_axis_value(effort)),
        criteria,
    )
    fields, points, scored = {}, [], 0
    for m in measures:
        has_score = m.priority_score is not None
        scored += has_score
        fields.setdefault(m.action_field.code, []).append(
            {
                "reference": m.reference,
                "title": m.title,
                "rank": m.rank if has_score else None,
                "score": round(m.priority_score) if has_score else None,
                "completeness": m.completeness,
            }
        )
        if m.impact_value is not None and m.effort_value is not None:
            points.append(
                {
                    "reference": m.reference,
                    "title": m.title,
                    "impact": share(m.impact_value, impact.scale),
                    "effort": share(m.effort_value, effort.scale),
                }
            )
    return {
        "criteria": [
            {"name": c.name, "weight": c.weight, "inverted": c.inverted} for c in criteria
        ],
        "scored": scored,
        "fields": [{"code": code, "rows": rows} for code, rows in sorted(fields.items())],
        "points": points,
    }
