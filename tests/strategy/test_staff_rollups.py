"""Goals, fields and principles on the staff side show their measures' lights and roll-up."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import (
    ActionFieldFactory,
    GoalFactory,
    GuidingPrincipleFactory,
    MeasureFactory,
    ProgressReportFactory,
)
from tests.plans import LONG_AGO

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy():
    """A field with a goal and a principle, served by one delayed, one done, one dropped
    measure; a second goal without measures."""
    field = ActionFieldFactory(title="Bildung")
    goal = GoalFactory(action_field=field, title="Schulen vernetzen")
    empty_goal = GoalFactory(action_field=field, title="Noch leer")
    principle = GuidingPrincipleFactory(title="Gemeinsam")
    late = MeasureFactory(
        action_field=field,
        title="Glasfaser Schulen",
        status="in_progress",
        actual_cost=Decimal("4000"),
        **LONG_AGO,
    )
    ProgressReportFactory(measure=late, percent=40)
    done = MeasureFactory(
        action_field=field, title="WLAN Aula", status="completed", actual_cost=Decimal("1000")
    )
    dropped = MeasureFactory(action_field=field, title="Verworfen", status="dropped")
    for measure in (late, done, dropped):
        measure.goals.add(goal)
        measure.principles.add(principle)
    return {"field": field, "goal": goal, "empty_goal": empty_goal, "principle": principle}


@pytest.mark.parametrize("kind", ["field", "goal", "principle"])
def test_detail_pages_show_the_roll_up_and_the_measures_lights(editor_client, strategy, kind):
    response = editor_client.get(strategy[kind].get_absolute_url())
    rollup = response.context["rollup"]
    # Dropped measures are left out; a completed one counts 100 %.
    assert (rollup["measure_count"], rollup["n_delayed"], rollup["n_done"]) == (2, 1, 1)
    assert rollup["progress"] == 70
    assert rollup["planned_cost"] == Decimal("30000")
    assert rollup["actual_cost"] == Decimal("5000")
    measures = list(response.context["measures"])
    assert [m.title for m in measures][:2] == ["Glasfaser Schulen", "WLAN Aula"]  # worst first
    html = response.content.decode()
    assert "1 Verzögert" in html and "1 Abgeschlossen" in html
    assert "70&nbsp;%" in html
    assert "5.000\u00a0€" in html


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("strategy:goal-list", "goal"),
        ("strategy:field-list", "field"),
        ("strategy:principle-list", "principle"),
    ],
)
def test_lists_show_the_lights_per_row(editor_client, strategy, name, kind):
    response = editor_client.get(reverse(name))
    rows = {obj.pk: obj.lights for obj in response.context["object_list"]}
    row = rows[strategy[kind].pk]
    assert (row["n_delayed"], row["n_done"], row["progress"]) == (1, 1, 70)
    if kind == "goal":
        assert rows[strategy["empty_goal"].pk] is None
        assert "keine Maßnahmen" in response.content.decode()


def test_the_field_page_shows_the_lights_of_each_goal(editor_client, strategy):
    response = editor_client.get(strategy["field"].get_absolute_url())
    goals = {g.title: g.lights for g in response.context["goals"]}
    assert goals["Schulen vernetzen"]["n_delayed"] == 1
    assert goals["Noch leer"] is None


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    "name", ["strategy:principle-list", "strategy:field-list", "strategy:goal-list"]
)
def test_lists_with_lights_keep_their_query_bound(
    editor_client, django_assert_max_num_queries, name, count
):
    for i in range(count):
        measure = MeasureFactory(status="in_progress", **LONG_AGO)
        measure.goals.add(GoalFactory(action_field=measure.action_field))
        measure.principles.add(GuidingPrincipleFactory())
        ProgressReportFactory(measure=measure, percent=i)
    # Session, user, 2 permission lookups, the page, its count, the roll-up of every row,
    # and once whom the user works for (which buttons the rows get).
    with django_assert_max_num_queries(9):
        assert editor_client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("kind", ["goal", "field", "principle"])
def test_detail_pages_keep_their_query_bound(
    editor_client, django_assert_max_num_queries, kind, count
):
    field = ActionFieldFactory()
    goal = GoalFactory(action_field=field)
    principle = GuidingPrincipleFactory()
    for i in range(count):
        measure = MeasureFactory(action_field=field, status="in_progress", **LONG_AGO)
        measure.goals.add(goal)
        measure.principles.add(principle)
        ProgressReportFactory(measure=measure, percent=i)
    target = {"goal": goal, "field": field, "principle": principle}[kind]
    # Including once whom the user works for (whether the page offers its buttons).
    with django_assert_max_num_queries(11):
        assert editor_client.get(target.get_absolute_url()).status_code == 200
