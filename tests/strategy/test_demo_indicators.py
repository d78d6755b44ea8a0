"""The demo agenda's indicators show every light as of 1 December 2026."""

import datetime

import pytest

from measures.management.commands.load_demo import load_demo
from strategy.lights import Light
from strategy.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


def test_the_demo_has_example_indicators_with_every_light_on_several_goals():
    load_demo(today=TODAY)
    indicators = list(Indicator.objects.with_light(TODAY))
    assert {i.light for i in indicators} >= {
        Light.ON_TRACK,
        Light.AT_RISK,
        Light.DELAYED,
        Light.DONE,
    }
    assert len({i.goal_id for i in indicators}) >= 4
    assert all(i.values_are_examples for i in indicators)
    assert Indicator.objects.filter(direction="decrease").exists()
    assert Indicator.objects.due(TODAY).exists()
    # A goal may have several indicators.
    assert len({i.goal_id for i in indicators}) < len(indicators)


def test_loading_the_demo_twice_adds_no_indicator_or_value_twice():
    load_demo(today=TODAY)
    counts = Indicator.objects.count(), IndicatorValue.objects.count()
    load_demo(today=TODAY)
    assert (Indicator.objects.count(), IndicatorValue.objects.count()) == counts
