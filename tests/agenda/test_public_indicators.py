"""Indicators are public: on the field page under their goal, and on a page of their own."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    ActionFieldFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)

pytestmark = pytest.mark.django_db


def field_url(field):
    return reverse("public:field-detail", args=[field.slug])


def test_each_goal_on_the_field_page_shows_its_indicators_with_light_chart_and_values(client):
    goal = GoalFactory(title="Online-Angebote ausbauen")
    indicator = IndicatorFactory(goal=goal, name="Online-Dienste", values_are_examples=True)
    IndicatorValueFactory(indicator=indicator, value=40, comment="Stand Landesportal")
    other = IndicatorFactory(goal=GoalFactory(action_field=goal.action_field), name="Ohne Werte")
    html = client.get(field_url(goal.action_field)).content.decode()
    assert "Online-Dienste" in html and "Ohne Werte" in html
    assert reverse("public:indicator-detail", args=[indicator.pk]) in html
    assert html.count('role="img"') == 2
    assert "Stand Landesportal" in html and "Beispielwerte" in html
    assert "Letzter Wert 40\u00a0<bdi>%</bdi>" in html and "Zielwert 80\u00a0<bdi>%</bdi>" in html
    assert "light-badge light-" in html
    # Each indicator appears under its own goal.
    assert html.index("Online-Angebote ausbauen") < html.index("Online-Dienste")
    assert html.index(other.goal.title) < html.index("Ohne Werte")


def test_the_indicator_page_shows_chart_table_source_baseline_target_and_direction(client):
    indicator = IndicatorFactory(
        name="Bearbeitungsdauer",
        unit="Tage",
        baseline_value=90,
        target_value=45,
        direction="decrease",
        source="Fachverfahren",
    )
    IndicatorValueFactory(indicator=indicator, date=datetime.date(2026, 1, 1), value=70)
    response = client.get(reverse("public:indicator-detail", args=[indicator.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "Fachverfahren" in html
    assert (
        "90\u00a0<bdi>Tage</bdi>" in html
        and "45\u00a0<bdi>Tage</bdi>" in html
        and "70\u00a0<bdi>Tage</bdi>" in html
    )
    assert "Niedriger ist besser" in html
    assert reverse("public:light-rule") in html


def test_an_unknown_indicator_is_404(client):
    assert client.get(reverse("public:indicator-detail", args=[999])).status_code == 404


@pytest.mark.parametrize("count", [2, 10])
def test_the_field_page_needs_the_same_queries_for_2_or_10_indicators(
    client, django_assert_max_num_queries, count
):
    field = ActionFieldFactory()
    for n in range(count):
        indicator = IndicatorFactory(goal=GoalFactory(action_field=field))
        IndicatorValueFactory(indicator=indicator, date=datetime.date(2025, 1, 1 + n))
        IndicatorValueFactory(indicator=indicator, date=datetime.date(2026, 1, 1 + n))
    # Fixed, whatever the number of indicators: 2 of the 8 are the indicators and their values,
    # 1 asks whether there are several organisations to choose from.
    with django_assert_max_num_queries(8):
        response = client.get(field_url(field))
    assert response.status_code == 200
    assert response.content.decode().count('role="img"') == count
