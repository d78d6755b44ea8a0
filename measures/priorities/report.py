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
    """Criteria, the ranking per action field and the chart's points, for every measure
    (each row says whether it is published; the report keeps what it shows, see `shown`).

    Plain JSON types only, so an edition can freeze it and the chart can be drawn from it.
    """
    criteria = list(Criterion.objects.all())
    axes = {c.axis: c for c in criteria if c.axis}
    impact, effort = axes.get("impact"), axes.get("effort")
    measures = ranked(
        Measure.objects.select_related("action_field").annotate(
            impact_value=_axis_value(impact), effort_value=_axis_value(effort)
        ),
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
                "is_published": m.is_published,
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


def shown(priorities, snapshot):
    """The part of `priorities` a report shows: the measures in its (selected) snapshot,
    ranked among themselves (rows come in rank order)."""
    references = {m["reference"] for f in snapshot["fields"] for m in f["measures"]}
    fields = []
    for field in priorities.get("fields", []):
        rows = [row for row in field["rows"] if row["reference"] in references]
        if rows:
            fields.append({"code": field["code"], "rows": rows})
    # Rank within what the report shows, across its fields, by the stored order.
    ordered = sorted(
        (r for f in fields for r in f["rows"] if r["score"] is not None),
        key=lambda r: r["rank"],
    )
    ranks = {row["reference"]: rank for rank, row in enumerate(ordered, start=1)}
    fields = [
        {**f, "rows": [{**r, "rank": ranks.get(r["reference"])} for r in f["rows"]]} for f in fields
    ]
    return {
        **priorities,
        "fields": fields,
        "scored": len(ranks),
        "points": [p for p in priorities.get("points", []) if p["reference"] in references],
    }
