"""The priority score and rank, computed in the database.

Priority score = Σ weight · normalised(value) / Σ weight over the criteria a measure has a
value for, as 0–100. A value is normalised onto 0..1 from its scale (0–3 or 1–5); an inverted
criterion (effort: high is worse) is flipped. Criteria without a value are LEFT OUT, not
counted as 0: the score speaks for what is known, and `completeness` (in %) says how much
that is. A measure with no value at all has no score (NULL) and no rank.

Computed criteria:
- feasibility: the measure's own field; "not yet assessed" counts as missing,
  hard = 0, under conditions = ½, readily = 1.
- citizen demand: linked ideas plus their supports, bucketed: 0 → 0, 1–2 → ⅓, 3–9 → ⅔,
  10 and more → 1. Never missing: no demand is a value.

Rank: score descending, ties by reference; unscored measures last, without a rank.

"Set priority from score" (services.py): score ≥ 67 high, ≥ 34 medium, below low.
"""

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, RowNumber

from measures.priorities.models import Criterion, Score

DEMAND_BUCKETS = ((10, 1.0), (3, 2 / 3), (1, 1 / 3), (0, 0.0))
HIGH_FROM, MEDIUM_FROM = 67, 34


def demand_share(count):
    """Python twin of the demand bucketing, for snapshot data and tests."""
    return next(share for floor, share in DEMAND_BUCKETS if count >= floor)


def _normalised_score():
    """One Score row's value on 0..1, flipped for inverted criteria (SQL expression)."""
    value = Cast("value", FloatField())
    share = Case(
        When(criterion__scale=Criterion.Scale.ONE_TO_FIVE, then=(value - 1.0) / 4.0),
        default=value / 3.0,
        output_field=FloatField(),
    )
    return Case(
        When(criterion__inverted=True, then=1.0 - share),
        default=share,
        output_field=FloatField(),
    )


def _per_measure(expression):
    manual = Score.objects.filter(
        measure=OuterRef("pk"), criterion__source=Criterion.Source.MANUAL
    ).order_by()
    return Subquery(
        manual.values("measure").annotate(total=expression).values("total"),
        output_field=FloatField(),
    )


def _count(model_path, **filters):
    from django.apps import apps

    model = apps.get_model(*model_path.split("."))
    rows = model.objects.filter(**filters).order_by().values(next(iter(filters)))
    return Coalesce(
        Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0
    )


def demand_expression():
    """Linked ideas plus their supports (two subqueries: a join would multiply them)."""
    ideas = _count("participation.Idea", measure=OuterRef("pk"))
    supports = _count("participation.Support", idea__measure=OuterRef("pk"))
    return ideas + supports


def _demand_share(weight, inverted):
    whens = [When(citizen_demand__gte=floor, then=Value(share)) for floor, share in DEMAND_BUCKETS]
    share = Case(*whens, default=Value(0.0), output_field=FloatField())
    return Value(float(weight)) * ((1.0 - share) if inverted else share)


def _feasibility_share(weight, inverted):
    share = (Cast("feasibility", FloatField()) - 1.0) / 2.0
    if inverted:
        share = 1.0 - share
    return Case(
        When(feasibility__gt=0, then=Value(float(weight)) * share),
        default=Value(0.0),
        output_field=FloatField(),
    )


def with_priority(queryset, criteria=None):
    """Annotate priority_score (0–100 or None), scored_count, criteria_count, completeness,
    citizen_demand. One query for the criteria, then everything in the measures' query."""
    criteria = list(Criterion.objects.all()) if criteria is None else criteria
    weight = Cast(F("criterion__weight"), FloatField())
    queryset = queryset.annotate(
        manual_sum=Coalesce(_per_measure(Sum(weight * _normalised_score())), 0.0),
        manual_weight=Coalesce(_per_measure(Sum(weight)), 0.0),
        manual_count=Coalesce(
            Subquery(
                Score.objects.filter(
                    measure=OuterRef("pk"), criterion__source=Criterion.Source.MANUAL
                )
                .order_by()
                .values("measure")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
        citizen_demand=demand_expression(),
    )
    computed_sum, computed_weight, computed_count = Value(0.0), Value(0.0), Value(0)
    for criterion in criteria:
        if criterion.source == Criterion.Source.FEASIBILITY:
            known = Case(When(feasibility__gt=0, then=Value(1)), default=Value(0))
            computed_sum = computed_sum + _feasibility_share(criterion.weight, criterion.inverted)
            computed_weight = computed_weight + Case(
                When(feasibility__gt=0, then=Value(float(criterion.weight))),
                default=Value(0.0),
                output_field=FloatField(),
            )
            computed_count = computed_count + known
        elif criterion.source == Criterion.Source.CITIZEN_DEMAND:
            computed_sum = computed_sum + _demand_share(criterion.weight, criterion.inverted)
            computed_weight = computed_weight + Value(float(criterion.weight))
            computed_count = computed_count + Value(1)
    count = len(criteria)
    queryset = queryset.annotate(
        priority_weight=F("manual_weight") + computed_weight,
        priority_sum=F("manual_sum") + computed_sum,
        scored_count=F("manual_count") + computed_count,
    )
    return queryset.annotate(
        criteria_count=Value(count),
        completeness=F("scored_count") * 100 / max(count, 1),
        priority_score=Case(
            When(priority_weight__gt=0, then=F("priority_sum") * 100.0 / F("priority_weight")),
            default=None,
            output_field=FloatField(),
        ),
    )


def ranked(queryset, criteria=None):
    """with_priority() plus `rank` (1 = highest), ordered by rank; unscored last."""
    queryset = with_priority(queryset, criteria)
    order = [F("priority_score").desc(nulls_last=True), F("reference").asc()]
    return queryset.annotate(rank=Window(RowNumber(), order_by=order)).order_by(*order)


def priority_for(score):
    """The Measure.priority a score stands for (thresholds in the module docstring)."""
    from measures.models import Measure

    if score is None:
        return None
    if score >= HIGH_FROM:
        return Measure.Priority.HIGH
    if score >= MEDIUM_FROM:
        return Measure.Priority.MEDIUM
    return Measure.Priority.LOW
