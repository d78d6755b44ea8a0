"""An indicator's light, computed in the database: its latest value against the straight path
from the baseline to the target.

- **Nicht bewertet**: no value yet.
- **Abgeschlossen** (target reached): the latest value has reached the target.
- **Verzögert**: the target date has passed, or the value lags more than DELAYED_GAP % of the
  way from baseline to target behind the path.
- **Gefährdet**: it lags more than AT_RISK_GAP % of the way.
- **Im Plan**: otherwise.

"Behind the path" is measured at the latest value's date: the share of the way from baseline
to target the value has covered, against the share of the time from baseline date to target
date that has passed then.
"""

from django.apps import apps
from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast
from django.db.models.lookups import LessThan
from django.utils import timezone

from strategy.lights import Light
from strategy.sql import DaysBetween, date_value

AT_RISK_GAP = 10
DELAYED_GAP = 25
FLOAT = models.FloatField()


def _latest(field):
    latest = (
        apps.get_model("strategy", "IndicatorValue")
        .objects.filter(indicator=OuterRef("pk"))
        .order_by("-date", "-id")
    )
    return Subquery(latest.values(field)[:1])


class IndicatorQuerySet(models.QuerySet):
    def with_light(self, today=None):
        """`latest_value`, `latest_date`, `light`, and `next_due` (float days until the next
        value is due; negative when overdue) per indicator."""
        today = today or timezone.localdate()
        qs = self.annotate(
            latest_value=_latest("value"),
            latest_date=_latest("date"),
            sign=Case(When(direction="decrease", then=Value(-1.0)), default=Value(1.0)),
        )
        gain = F("sign") * (Cast("latest_value", FLOAT) - Cast("baseline_value", FLOAT))
        total = F("sign") * (Cast("target_value", FLOAT) - Cast("baseline_value", FLOAT))
        span = DaysBetween(F("target_date"), F("baseline_date"))
        days = DaysBetween(F("latest_date"), F("baseline_date"))

        def behind(gap):
            # gain/total < days/span − gap/100, multiplied out (total > 0 and span > 0).
            return LessThan(
                gain * span * Value(100.0) + Value(float(gap)) * span * total,
                days * total * Value(100.0),
            )

        since_last = DaysBetween(
            date_value(today),
            Case(When(latest_date__isnull=True, then=F("baseline_date")), default=F("latest_date")),
        )
        return qs.annotate(
            light=Case(
                When(latest_value__isnull=True, then=Value(Light.UNRATED.value)),
                When(
                    Q(direction="increase", latest_value__gte=F("target_value"))
                    | Q(direction="decrease", latest_value__lte=F("target_value")),
                    then=Value(Light.DONE.value),
                ),
                When(latest_date__gt=F("target_date"), then=Value(Light.DELAYED.value)),
                When(target_date__lt=today, then=Value(Light.DELAYED.value)),
                When(behind(DELAYED_GAP), then=Value(Light.DELAYED.value)),
                When(behind(AT_RISK_GAP), then=Value(Light.AT_RISK.value)),
                default=Value(Light.ON_TRACK.value),
                output_field=models.CharField(),
            ),
            next_due=Cast(F("interval_days"), FLOAT) - since_last,
        )

    def due(self, today=None):
        """Indicators whose next value is due (the interval since the last value has passed)."""
        return self.with_light(today).filter(next_due__lte=0)
