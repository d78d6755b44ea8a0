"""Staff pages of indicators: list, detail, forms, and the values responsible people enter."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from strategy.models import Indicator, IndicatorValue
from tests.factories import GoalFactory, IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

LIST = reverse("strategy:indicator-list")


def form_data(goal, **extra):
    return {
        "goal": goal.pk,
        "name": "Online-Dienste",
        "unit": "%",
        "baseline_value": "20",
        "baseline_date": "2025-01-01",
        "target_value": "80",
        "target_date": "2028-12-31",
        "direction": "increase",
        "source": "Landesportal",
        "interval_days": "91",
        **extra,
    }


def test_the_list_shows_latest_value_target_light_and_due_date(editor_client):
    indicator = IndicatorFactory(name="Nutzerkonten", unit="Konten")
    IndicatorValueFactory(indicator=indicator, date=datetime.date(2026, 1, 1), value=40)
    IndicatorFactory(name="Ohne Werte")
    html = editor_client.get(LIST).content.decode()
    assert "Nutzerkonten" in html and "Ohne Werte" in html
    assert "01.01.2026" in html and "light-badge" in html
    assert "2 Kennzahlen gefunden" in html


def test_the_list_filters_by_light_field_and_goal(editor_client):
    done = IndicatorFactory(name="Erreicht")
    IndicatorValueFactory(indicator=done, value=Decimal("90"))
    other = IndicatorFactory(name="Ohne Werte")
    html = editor_client.get(LIST, {"light": "done"}).content.decode()
    assert "Erreicht" in html and "Ohne Werte" not in html
    html = editor_client.get(LIST, {"action_field": other.goal.action_field_id}).content.decode()
    assert "Ohne Werte" in html and "Erreicht" not in html
    html = editor_client.get(LIST, {"goal": done.goal_id}).content.decode()
    assert "Erreicht" in html and "Ohne Werte" not in html
    assert editor_client.get(LIST, {"light": "purple"}).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_needs_the_same_queries_for_3_or_30_indicators(
    editor_client, django_assert_max_num_queries, count
):
    for n in range(count):
        IndicatorValueFactory(indicator=IndicatorFactory(), date=datetime.date(2026, 1, 1 + n % 9))
    with django_assert_max_num_queries(9):
        response = editor_client.get(LIST)
    assert response.status_code == 200


def test_the_detail_shows_facts_chart_and_every_value_with_its_comment(editor_client):
    indicator = IndicatorFactory(name="WLAN", unit="Punkte", values_are_examples=True)
    IndicatorValueFactory(indicator=indicator, value=33, comment="Drei neue Punkte")
    html = editor_client.get(indicator.get_absolute_url()).content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "Drei neue Punkte" in html and "33\u00a0<bdi>Punkte</bdi>" in html
    assert "Statistik des Amtes" in html and "Beispielwerte" in html
    assert reverse("strategy:indicator-value-create", args=[indicator.pk]) in html


def test_an_editor_creates_an_indicator_from_a_goal_page(editor_client):
    goal = GoalFactory()
    page = editor_client.get(goal.get_absolute_url()).content.decode()
    link = f"{reverse('strategy:indicator-create')}?goal={goal.pk}"
    assert link in page
    form = editor_client.get(link).context["form"]
    assert str(form.initial["goal"]) == str(goal.pk)
    response = editor_client.post(reverse("strategy:indicator-create"), form_data(goal))
    indicator = Indicator.objects.get()
    assert response.status_code == 302
    assert indicator.goal == goal and indicator.target_value == 80


def test_a_target_against_the_direction_is_refused_next_to_the_field(editor_client):
    goal = GoalFactory()
    response = editor_client.post(
        reverse("strategy:indicator-create"),
        form_data(goal, direction="decrease", target_date="2024-01-01"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "unter dem Ausgangswert" in errors["target_value"][0]
    assert "nach dem Stichtag" in errors["target_date"][0]
    assert not Indicator.objects.exists()


def test_the_responsible_department_user_enters_a_value(client, department):
    indicator = IndicatorFactory(responsible=department)
    client.force_login(department)
    url = reverse("strategy:indicator-value-create", args=[indicator.pk])
    response = client.post(url, {"date": "2026-03-31", "value": "41,5", "comment": ""})
    assert response.status_code == 302
    assert indicator.values.get().value == Decimal("41.5")


def test_other_department_users_may_not_enter_values(client, department):
    indicator = IndicatorFactory()
    client.force_login(department)
    url = reverse("strategy:indicator-value-create", args=[indicator.pk])
    assert client.post(url, {"date": "2026-03-31", "value": "41"}).status_code == 403
    assert not IndicatorValue.objects.exists()


def test_a_second_value_on_the_same_date_gets_a_clear_message(editor_client):
    value = IndicatorValueFactory(date=datetime.date(2026, 3, 31))
    url = reverse("strategy:indicator-value-create", args=[value.indicator_id])
    response = editor_client.post(url, {"date": "2026-03-31", "value": "abc", "comment": "x"})
    errors = response.context["form"].errors
    assert "bereits einen Wert für 31.03.2026" in errors["date"][0]
    assert "value" in errors
    assert 'value="x"' in response.content.decode()
    assert IndicatorValue.objects.count() == 1


def test_a_value_is_edited_and_deleted(editor_client):
    value = IndicatorValueFactory(value=10)
    url = reverse("strategy:indicator-value-update", args=[value.pk])
    response = editor_client.post(url, {"date": "2026-01-01", "value": "12", "comment": "neu"})
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == 12 and value.comment == "neu"
    response = editor_client.post(reverse("strategy:indicator-value-delete", args=[value.pk]))
    assert response["Location"] == value.indicator.get_absolute_url()
    assert not IndicatorValue.objects.exists()
