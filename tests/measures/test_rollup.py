"""Roll-ups: lights, progress and cost of goals, fields and the agenda in one grouped query."""

import datetime
from decimal import Decimal

import pytest

from measures.models import Measure
from tests.factories import ActionFieldFactory, GoalFactory, MeasureFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 7, 2)


def make(field, percent=None, **kwargs):
    defaults = {
        "action_field": field,
        "status": "in_progress",
        "planned_start": datetime.date(2026, 1, 1),
        "planned_end": datetime.date(2026, 12, 31),
    }
    measure = MeasureFactory(**{**defaults, **kwargs})
    if percent is not None:
        ProgressReportFactory(measure=measure, date=datetime.date(2026, 6, 1), percent=percent)
    return measure


def test_rollup_per_field_counts_lights_progress_and_cost(django_assert_max_num_queries):
    a, b = ActionFieldFactory(), ActionFieldFactory()
    make(a, 50, actual_cost=Decimal("1000"))  # on track
    make(a, 0)  # delayed
    make(a, status="completed")  # done: counts as 100 %
    make(a, status="dropped")  # left out
    make(b, status="idea")  # not rated
    with django_assert_max_num_queries(1):
        rows = {r["action_field"]: r for r in Measure.objects.rollup("action_field", TODAY)}
    row = rows[a.pk]
    assert (row["n_on_track"], row["n_delayed"], row["n_done"], row["measure_count"]) == (
        1,
        1,
        1,
        3,
    )
    assert row["progress"] == 50  # (50 + 0 + 100) / 3, each measure weighted the same
    assert row["planned_cost"] == Decimal("45000")  # 3 × (10,000 one-off + 5,000 external)
    assert row["actual_cost"] == Decimal("1000")
    assert rows[b.pk]["n_unrated"] == 1
    assert [entry["value"] for entry in row["lights"]] == [
        "delayed",
        "at_risk",
        "on_track",
        "done",
        "unrated",
    ]


def test_rollup_per_goal_counts_a_measure_under_each_of_its_goals():
    field = ActionFieldFactory()
    g1, g2 = GoalFactory(action_field=field), GoalFactory(action_field=field)
    shared = make(field, 0)
    shared.goals.set([g1, g2])
    only_one = make(field, 50)
    only_one.goals.set([g1])
    rows = {r["goals"]: r for r in Measure.objects.rollup("goals", TODAY)}
    assert (rows[g1.pk]["measure_count"], rows[g1.pk]["n_delayed"]) == (2, 1)
    assert (rows[g2.pk]["measure_count"], rows[g2.pk]["n_on_track"]) == (1, 0)


def test_rollup_of_the_whole_agenda():
    field = ActionFieldFactory()
    make(field, 50)
    make(field, 50)
    (total,) = Measure.objects.rollup(today=TODAY)
    assert (total["measure_count"], total["n_on_track"], total["progress"]) == (2, 2, 50)


def test_rollup_of_nothing_is_zero():
    (total,) = Measure.objects.rollup(today=TODAY)
    assert (total["measure_count"], total["progress"], total["planned_cost"]) == (0, 0, 0)


def test_the_total_from_the_fields_equals_the_total_asked_of_the_database():
    from measures.querysets import rollup_total

    a, b = ActionFieldFactory(), ActionFieldFactory()
    make(a, 50, actual_cost=Decimal("10"))
    make(a, 0)
    make(b, status="completed")
    make(b, 5)
    (direct,) = Measure.objects.rollup(today=TODAY)
    derived = rollup_total(Measure.objects.rollup("action_field", TODAY))
    for key in ["measure_count", "progress", "planned_cost", "actual_cost", "lights"]:
        assert derived[key] == direct[key]
