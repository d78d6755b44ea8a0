"""The traffic-light rule at each boundary, with a fixed "today" (docs/ampel.md)."""

import datetime

import pytest

from measures.lights import AT_RISK_GAP, DELAYED_GAP, Light
from measures.models import Measure
from tests.factories import MeasureFactory, MilestoneFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 12, 31)  # 364 days after START
TODAY = datetime.date(2026, 7, 2)  # 182 days in: exactly 50 % of the time elapsed


def light_of(measure, today=TODAY):
    return Measure.objects.with_light(today).get(pk=measure.pk).light


def planned(**kwargs):
    defaults = {"status": "in_progress", "planned_start": START, "planned_end": END}
    return MeasureFactory(**{**defaults, **kwargs})


def with_progress(percent, **kwargs):
    measure = planned(**kwargs)
    ProgressReportFactory(measure=measure, date=START, percent=percent)
    return measure


def test_on_track_when_progress_matches_time():
    assert light_of(with_progress(50)) == Light.ON_TRACK


@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        (50 - AT_RISK_GAP, Light.ON_TRACK),  # exactly at the gap: not yet behind
        (50 - AT_RISK_GAP - 1, Light.AT_RISK),
        (50 - DELAYED_GAP, Light.AT_RISK),
        (50 - DELAYED_GAP - 1, Light.DELAYED),
    ],
)
def test_progress_behind_time_elapsed(percent, expected):
    assert light_of(with_progress(percent)) == expected


def test_target_date_is_the_last_day_in_plan():
    measure = with_progress(100, planned_end=TODAY)
    assert light_of(measure, TODAY) == Light.ON_TRACK
    assert light_of(measure, TODAY + datetime.timedelta(days=1)) == Light.DELAYED


def test_completed_is_done_even_when_late():
    measure = planned(status="completed", planned_end=START + datetime.timedelta(days=1))
    assert light_of(measure) == Light.DONE


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": "idea"},
        {"status": "dropped"},
        {"planned_start": None},
        {"planned_end": None},
        {"planned_start": None, "planned_end": None},
    ],
)
def test_not_rated_without_plan(kwargs):
    assert light_of(planned(**kwargs)) == Light.UNRATED


def test_not_started_yet_is_on_track_without_any_report():
    measure = planned(planned_start=TODAY + datetime.timedelta(days=1))
    assert light_of(measure) == Light.ON_TRACK


def test_started_without_report_counts_zero_progress():
    assert light_of(planned()) == Light.DELAYED
    early = START + datetime.timedelta(days=int(364 * AT_RISK_GAP / 100))
    assert light_of(planned(planned_start=START), early) == Light.ON_TRACK


def test_overdue_milestone_puts_at_risk_from_the_day_after():
    measure = with_progress(50)
    MilestoneFactory(measure=measure, due_date=TODAY)
    assert light_of(measure) == Light.ON_TRACK
    assert light_of(measure, TODAY + datetime.timedelta(days=1)) == Light.AT_RISK


def test_done_milestone_is_not_overdue():
    measure = with_progress(50)
    MilestoneFactory(measure=measure, due_date=START, done=True)
    assert light_of(measure) == Light.ON_TRACK


def test_on_hold_is_at_risk():
    assert light_of(with_progress(50, status="on_hold")) == Light.AT_RISK


def test_draft_reports_do_not_count_until_released():
    measure = with_progress(0)
    draft = ProgressReportFactory(measure=measure, date=TODAY, percent=50, released_at=None)
    assert light_of(measure) == Light.DELAYED
    draft.released_at = datetime.datetime(2026, 7, 2, tzinfo=datetime.UTC)
    draft.save()
    assert light_of(measure) == Light.ON_TRACK


def test_same_start_and_end_day():
    measure = planned(planned_start=TODAY, planned_end=TODAY)
    assert light_of(measure) == Light.ON_TRACK  # no division by a zero-day span
    assert light_of(measure, TODAY + datetime.timedelta(days=1)) == Light.DELAYED


def test_override_wins_until_it_expires():
    measure = with_progress(0)
    Measure.objects.filter(pk=measure.pk).update(
        light_override=Light.ON_TRACK,
        override_reason="Neue Förderung bewilligt.",
        override_until=TODAY,
    )
    row = Measure.objects.with_light(TODAY).get(pk=measure.pk)
    assert (row.light, row.computed_light, row.override_is_active) == (
        Light.ON_TRACK,
        Light.DELAYED,
        True,
    )
    later = Measure.objects.with_light(TODAY + datetime.timedelta(days=1)).get(pk=measure.pk)
    assert (later.light, later.override_is_active) == (Light.DELAYED, False)


def test_sorting_puts_the_worst_first():
    delayed, on_track, unrated = with_progress(0), with_progress(60), planned(status="idea")
    rows = (
        Measure.objects.with_light(TODAY)
        .filter(pk__in=[delayed.pk, on_track.pk, unrated.pk])
        .order_by("light_rank")
    )
    assert [m.pk for m in rows] == [delayed.pk, on_track.pk, unrated.pk]
