"""The traffic light (Ampel) of a measure: computed from the plan in the database, never stored.

The rule, in the order it is applied (docs/ampel.md and the public help page say the same):

1. An override set by staff wins while its expiry date has not passed.
2. Status "completed": **Abgeschlossen**.
3. Status "idea" or "dropped", or no planned start or no target date: **Nicht bewertet**.
4. Target date passed, or progress more than DELAYED_GAP points behind the time elapsed:
   **Verzögert**.
5. A milestone overdue and not done, status "on hold", a prerequisite in trouble (delayed, or
   due to end after this measure's planned start; see measures/dependencies/flags.py, one
   level deep), or progress more than AT_RISK_GAP points behind the time elapsed: **Gefährdet**.
6. Otherwise: **Im Plan**.

Progress is the latest *released* progress report's percentage (0 without one). Time elapsed
is (today − planned start) ÷ (target date − planned start) in per cent, so a measure that has
not started yet is never behind.
"""

from django.apps import apps
from django.db import models
from django.db.models import Case, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan
from django.utils import timezone

from measures.dependencies import flags
from strategy.lights import ORDER, RANK, SYMBOLS, Light, label, symbol  # noqa: F401
from strategy.sql import DaysBetween, date_value

AT_RISK_GAP = 10
DELAYED_GAP = 25


def released_progress(outer="pk"):
    """The latest released progress report's percentage of the outer measure, as a subquery."""
    latest = (
        apps.get_model("measures", "ProgressReport")
        .objects.released()
        .filter(measure=OuterRef(outer))
        .order_by("-date", "-id")
        .values("percent")[:1]
    )
    return Subquery(latest, output_field=models.IntegerField())


def _behind(progress, gap, span, days_elapsed):
    """Progress more than `gap` points behind the time elapsed, without dividing:
    progress + gap < 100 · days_elapsed / span  ⟺  (progress + gap) · span < 100 · days_elapsed."""
    return LessThan(
        ExpressionWrapper((progress + Value(gap)) * span, output_field=models.FloatField()),
        ExpressionWrapper(days_elapsed * Value(100.0), output_field=models.FloatField()),
    )


def computed_light(today, with_dependencies=True):
    """The light from the plan alone (no override), as an expression over a Measure row.

    `with_dependencies=False` leaves out the dependency clause: a prerequisite's light is
    judged one level deep, without its own prerequisites."""
    progress = Coalesce(released_progress(), 0)
    span = DaysBetween(F("planned_end"), F("planned_start"))
    safe_span = Case(
        When(planned_end=F("planned_start"), then=Value(1.0)),
        default=span,
        output_field=models.FloatField(),
    )
    days_elapsed = DaysBetween(date_value(today), F("planned_start"))
    overdue_milestone = Exists(
        apps.get_model("measures", "Milestone").objects.filter(
            measure=OuterRef("pk"), done=False, due_date__lt=today
        )
    )
    trouble = Q(overdue_milestone) | Q(status="on_hold")
    if with_dependencies:
        trouble |= Q(dependency_at_risk(today))
    light = Value  # short alias for the branch values below
    return Case(
        When(status="completed", then=light(Light.DONE.value)),
        When(
            Q(status__in=["idea", "dropped"])
            | Q(planned_start__isnull=True)
            | Q(planned_end__isnull=True),
            then=light(Light.UNRATED.value),
        ),
        When(planned_end__lt=today, then=light(Light.DELAYED.value)),
        When(
            _behind(progress, DELAYED_GAP, safe_span, days_elapsed),
            then=light(Light.DELAYED.value),
        ),
        When(trouble, then=light(Light.AT_RISK.value)),
        When(
            _behind(progress, AT_RISK_GAP, safe_span, days_elapsed),
            then=light(Light.AT_RISK.value),
        ),
        default=light(Light.ON_TRACK.value),
        output_field=models.CharField(),
    )


def override_active(today):
    return ~Q(light_override="") & Q(override_until__gte=today)


def effective_light(today, with_dependencies=True):
    """The light everyone sees: a running override, else the computed light."""
    return Case(
        When(override_active(today), then=F("light_override")),
        default=computed_light(today, with_dependencies),
        output_field=models.CharField(),
    )


def dependency_at_risk(today):
    """The dependency flag ("Abhängigkeit gefährdet"), judging prerequisites one level deep."""
    return flags.dependency_at_risk(
        today, prerequisite_light=effective_light(today, with_dependencies=False)
    )


def light_rank(field="light"):
    return Case(
        *[When(**{field: value}, then=Value(rank)) for value, rank in RANK.items()],
        output_field=models.IntegerField(),
    )


def today_or(day=None):
    return day or timezone.localdate()
