"""Figures of goals and action fields, rolled up from their measures in the database.

The strategy app does not import the measures app (imports only go down the layers); it
reaches measures and their funding lines through the reverse relation `measures`.
"""

from decimal import Decimal

from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

MONEY_OUT = models.DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0"), output_field=MONEY_OUT)


def sum_subquery(queryset, group_by, field):
    """SUM(field) of `queryset` per outer row, as a scalar subquery (0 when there are no rows)."""
    inner = queryset.order_by().values(group_by).annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(inner, output_field=MONEY_OUT), ZERO, output_field=MONEY_OUT)


def grant_q(prefix=""):
    """Funding lines that bring in outside money: approved and not from the own budget."""
    return Q(**{f"{prefix}status": "approved"}) & ~Q(**{f"{prefix}source": "own"})


def attach_light_rollups(objects, group_by, today=None):
    """Give each of `objects` (goals, fields or principles, of one kind) a `lights` attribute:
    its row of `Measure.objects.rollup(group_by)`, or None without measures. One query for
    all of them, however many there are."""
    objects = list(objects)
    if not objects:
        return objects
    measure_model = type(objects[0])._meta.get_field("measures").related_model
    rows = {row[group_by]: row for row in measure_model.objects.rollup(group_by, today=today)}
    for obj in objects:
        obj.lights = rows.get(obj.pk)
    return objects


class RollupQuerySet(models.QuerySet):
    # How a measure points at a row of this model: "action_field" or "goals".
    measure_path = None

    def with_rollup(self):
        measure_model = self.model._meta.get_field("measures").related_model
        line_model = measure_model._meta.get_field("funding_lines").related_model
        path = self.measure_path
        measures = measure_model.objects.filter(**{path: OuterRef("pk")}).order_by().values(path)
        lines = line_model.objects.filter(**{f"measure__{path}": OuterRef("pk")}).filter(grant_q())

        def agg(func, field, output=None):
            return Subquery(measures.annotate(v=func(field)).values("v"), output_field=output)

        def money(field):
            return Coalesce(agg(Sum, field, MONEY_OUT), ZERO, output_field=MONEY_OUT)

        return (
            self.annotate(
                measure_count=Coalesce(agg(models.Count, "pk", models.IntegerField()), 0),
                total_staff_days=money("staff_days"),
                total_one_off=money("one_off_cost"),
                total_external=money("external_cost"),
                total_running=money("running_cost_per_year"),
                granted_amount=sum_subquery(lines, f"measure__{path}", "amount"),
                span_start=agg(models.Min, "planned_start", models.DateField()),
                span_end=agg(models.Max, "planned_end", models.DateField()),
            )
            .annotate(total_cost=F("total_one_off") + F("total_external"))
            .annotate(own_share=F("total_cost") - F("granted_amount"))
        )


class ActionFieldQuerySet(RollupQuerySet):
    measure_path = "action_field"


class GoalQuerySet(RollupQuerySet):
    measure_path = "goals"
