"""The prioritisation as plain data for the report's snapshot (three queries, any size)."""

from measures.models import Measure
from measures.priorities.chart import points_from_measures
from measures.priorities.models import Criterion
from measures.priorities.ranking import ranked


def priorities_snapshot():
    """Criteria, the ranking per action field and the chart's points, for published measures.

    Plain JSON types only, so an edition can freeze it and the chart can be drawn from it.
    """
    criteria = list(Criterion.objects.all())
    measures = list(
        ranked(
            Measure.objects.published().select_related("action_field").prefetch_related("scores"),
            criteria,
        )
    )
    fields = {}
    for m in measures:
        fields.setdefault(m.action_field.code, []).append(
            {
                "reference": m.reference,
                "title": m.title,
                "rank": m.rank if m.priority_score is not None else None,
                "score": round(m.priority_score) if m.priority_score is not None else None,
                "completeness": m.completeness,
            }
        )
    return {
        "criteria": [
            {"name": c.name, "weight": c.weight, "inverted": c.inverted} for c in criteria
        ],
        "scored": sum(1 for m in measures if m.priority_score is not None),
        "fields": [{"code": code, "rows": rows} for code, rows in sorted(fields.items())],
        "points": points_from_measures(measures, criteria),
    }
