"""An indicator's light: the latest value against the path from baseline to target."""

import datetime
from decimal import Decimal

import pytest

from strategy.indicators.querysets import AT_RISK_GAP, DELAYED_GAP
from strategy.lights import Light
from strategy.models import Indicator
from tests.factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

BASE = datetime.date(2026, 1, 1)
TARGET = datetime.date(2027, 1, 1)  # 365 days
HALF = datetime.date(2026, 7, 2)  # 182 days: 49.86 % of the time
TODAY = datetime.date(2026, 8, 1)


def light(indicator, today=TODAY):
    return Indicator.objects.with_light(today).get(pk=indicator.pk).light


def rising(**kwargs):
    defaults = {
        "baseline_value": 0,
        "baseline_date": BASE,
        "target_value": 100,
        "target_date": TARGET,
    }
    return IndicatorFactory(**{**defaults, **kwargs})


def test_no_value_is_not_rated():
    assert light(rising()) == Light.UNRATED


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("50", Light.ON_TRACK),
        (str(50 - AT_RISK_GAP), Light.ON_TRACK),  # 40 vs 49.86 − 10 = 39.86
        (str(50 - AT_RISK_GAP - 1), Light.AT_RISK),
        (str(50 - DELAYED_GAP), Light.AT_RISK),  # 25 vs 24.86
        (str(50 - DELAYED_GAP - 1), Light.DELAYED),
        ("100", Light.DONE),
        ("130", Light.DONE),
    ],
)
def test_rising_indicator(value, expected):
    indicator = rising()
    IndicatorValueFactory(indicator=indicator, date=HALF, value=Decimal(value))
    assert light(indicator) == expected


def test_falling_indicator_reads_the_other_way():
    falling = IndicatorFactory(
        baseline_value=100,
        baseline_date=BASE,
        target_value=20,
        target_date=TARGET,
        direction="decrease",
    )
    IndicatorValueFactory(indicator=falling, date=HALF, value=Decimal("60"))  # 50 % of the way
    assert light(falling) == Light.ON_TRACK
    IndicatorValueFactory(
        indicator=falling, date=HALF + datetime.timedelta(days=1), value=Decimal("90")
    )
    assert light(falling) == Light.DELAYED
    IndicatorValueFactory(
        indicator=falling, date=HALF + datetime.timedelta(days=2), value=Decimal("15")
    )
    assert light(falling) == Light.DONE


def test_the_latest_value_counts():
    indicator = rising()
    IndicatorValueFactory(indicator=indicator, date=HALF, value=Decimal("10"))
    IndicatorValueFactory(indicator=indicator, date=BASE, value=Decimal("90"))
    assert light(indicator) == Light.DELAYED


def test_target_date_passed_without_reaching_target_is_delayed():
    indicator = rising()
    IndicatorValueFactory(indicator=indicator, date=TARGET, value=Decimal("99"))
    assert light(indicator, TARGET) == Light.ON_TRACK
    assert light(indicator, TARGET + datetime.timedelta(days=1)) == Light.DELAYED


def test_a_value_is_due_after_the_interval():
    indicator = rising(interval_days=Indicator.Interval.QUARTERLY)
    assert not Indicator.objects.due(BASE + datetime.timedelta(days=90)).exists()
    assert Indicator.objects.due(BASE + datetime.timedelta(days=91)).exists()
    IndicatorValueFactory(indicator=indicator, date=BASE + datetime.timedelta(days=91))
    assert not Indicator.objects.due(BASE + datetime.timedelta(days=91)).exists()
