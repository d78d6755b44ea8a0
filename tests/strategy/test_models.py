from decimal import Decimal

import pytest
from django.urls import reverse

from strategy.models import ActionField, Goal, GuidingPrinciple
from tests.factories import (
    ActionFieldFactory,
    FundingLineFactory,
    GoalFactory,
    GuidingPrincipleFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db


def test_fields_and_goals_roll_up_their_measures_without_double_counting():
    field = ActionFieldFactory()
    goal = GoalFactory(action_field=field)
    import datetime

    a = MeasureFactory(
        action_field=field,
        one_off_cost=Decimal("1000"),
        external_cost=0,
        staff_days=Decimal("10"),
        planned_start=datetime.date(2025, 3, 1),
        planned_end=datetime.date(2026, 1, 1),
    )
    b = MeasureFactory(
        action_field=field,
        one_off_cost=Decimal("3000"),
        external_cost=Decimal("500"),
        staff_days=Decimal("5"),
        planned_start=datetime.date(2024, 1, 1),
        planned_end=datetime.date(2028, 12, 31),
    )
    MeasureFactory(one_off_cost=Decimal("99999"))  # another field
    a.goals.add(goal)
    b.goals.add(goal)
    # Several funding lines per measure must not multiply the cost sums.
    FundingLineFactory(measure=a, amount=Decimal("400"), status="approved")
    FundingLineFactory(measure=a, amount=Decimal("100"), status="approved")
    FundingLineFactory(measure=b, amount=Decimal("700"), status="approved", source="own")
    FundingLineFactory(measure=b, amount=Decimal("50"), status="planned")

    for obj in (
        ActionField.objects.with_rollup().get(pk=field.pk),
        Goal.objects.with_rollup().get(pk=goal.pk),
    ):
        assert obj.measure_count == 2
        assert obj.total_cost == Decimal("4500")
        assert obj.total_staff_days == Decimal("15")
        assert obj.granted_amount == Decimal("500")
        assert obj.own_share == Decimal("4000")
        assert obj.span_start == datetime.date(2024, 1, 1)
        assert obj.span_end == datetime.date(2028, 12, 31)


def test_empty_field_rolls_up_to_zero():
    field = ActionField.objects.with_rollup().get(pk=ActionFieldFactory().pk)
    assert field.measure_count == 0
    assert field.total_cost == 0
    assert field.span_start is None


def test_new_objects_go_to_the_end():
    first, second = GuidingPrincipleFactory(), GuidingPrincipleFactory()
    assert second.order == first.order + 1


def test_moving_a_principle_up_swaps_it_with_its_neighbour(editor_client):
    a, b, c = GuidingPrincipleFactory(), GuidingPrincipleFactory(), GuidingPrincipleFactory()
    editor_client.post(reverse("strategy:principle-move", args=[c.pk]), {"direction": "up"})
    assert list(GuidingPrinciple.objects.all()) == [a, c, b]
    editor_client.post(reverse("strategy:principle-move", args=[a.pk]), {"direction": "up"})
    assert list(GuidingPrinciple.objects.all()) == [a, c, b]  # already first


def test_goals_move_within_their_field_only(editor_client):
    field = ActionFieldFactory()
    g1, g2 = GoalFactory(action_field=field), GoalFactory(action_field=field)
    other = GoalFactory()
    editor_client.post(reverse("strategy:goal-move", args=[g2.pk]), {"direction": "up"})
    assert list(Goal.objects.filter(action_field=field)) == [g2, g1]
    assert Goal.objects.get(pk=other.pk).order == other.order


def test_slug_is_derived_from_the_title_when_left_empty(editor_client):
    response = editor_client.post(
        reverse("strategy:field-create"),
        {"code": "5.8", "title": "Umwelt und Klima", "slug": "", "perspective": "external"},
    )
    assert response.status_code == 302
    assert ActionField.objects.get(code="5.8").slug == "umwelt-und-klima"


def test_field_still_used_by_measures_cannot_be_deleted(editor_client):
    measure = MeasureFactory()
    response = editor_client.post(
        reverse("strategy:field-delete", args=[measure.action_field_id]), follow=True
    )
    assert ActionField.objects.filter(pk=measure.action_field_id).exists()
    assert "kann nicht gelöscht werden" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["strategy:principle-list", "strategy:field-list", "strategy:goal-list"]
)
def test_strategy_lists_have_a_fixed_number_of_queries(
    editor_client, django_assert_max_num_queries, name
):
    for _ in range(20):
        measure = MeasureFactory()
        goal = GoalFactory(action_field=measure.action_field)
        measure.goals.add(goal)
        measure.principles.add(GuidingPrincipleFactory())
        FundingLineFactory(measure=measure)
    # +1: whom the user works for (which buttons the rows get), once per request.
    with django_assert_max_num_queries(9):
        assert editor_client.get(reverse(name)).status_code == 200


def test_move_without_a_direction_is_a_bad_request(editor_client):
    principle = GuidingPrincipleFactory()
    response = editor_client.post(reverse("strategy:principle-move", args=[principle.pk]))
    assert response.status_code == 400
