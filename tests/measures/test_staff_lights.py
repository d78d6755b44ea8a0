"""The traffic light on the staff side: list column, filter and sort; the measure page."""

import datetime
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.factories import (
    ActionFieldFactory,
    MeasureFactory,
    ProgressReportFactory,
    measure_with_parts,
)
from tests.measures.test_views import edit_data
from tests.plans import FAR_AHEAD, LONG_AGO, in_days

pytestmark = pytest.mark.django_db


def list_url(**params):
    return reverse("measures:measure-list") + "?" + urlencode(params)


@pytest.fixture
def one_of_each():
    """One measure per light, whatever today is."""
    return {
        "delayed": MeasureFactory(title="Verspätet", status="in_progress", **LONG_AGO),
        "at_risk": MeasureFactory(
            title="Wackelt",
            status="in_progress",
            light_override="at_risk",
            override_reason="Lieferant insolvent",
            override_until=in_days(30),
            **FAR_AHEAD,
        ),
        "on_track": MeasureFactory(title="Läuft", status="planned", **FAR_AHEAD),
        "done": MeasureFactory(title="Fertig", status="completed", **LONG_AGO),
        "unrated": MeasureFactory(title="Offen", status="idea", planned_start=None),
    }


@pytest.mark.parametrize("light", ["delayed", "at_risk", "on_track", "done", "unrated"])
def test_the_list_filters_by_light(editor_client, one_of_each, light):
    response = editor_client.get(list_url(light=light))
    assert [m.pk for m in response.context["object_list"]] == [one_of_each[light].pk]


def test_the_list_sorts_by_light_worst_first_and_back(editor_client, one_of_each):
    worst_first = ["delayed", "at_risk", "on_track", "done", "unrated"]
    response = editor_client.get(list_url(o="light"))
    assert [m.light for m in response.context["object_list"]] == worst_first
    response = editor_client.get(list_url(o="-light"))
    assert [m.light for m in response.context["object_list"]] == worst_first[::-1]


def test_measures_with_the_same_light_keep_the_reference_order(editor_client):
    for reference in ["3.1-1", "1.1-1", "2.1-1"]:
        MeasureFactory(reference=reference, status="idea")
    response = editor_client.get(list_url(o="light"))
    assert [m.reference for m in response.context["object_list"]] == ["1.1-1", "2.1-1", "3.1-1"]


def test_the_list_shows_the_light_as_symbol_and_text(editor_client, one_of_each):
    html = editor_client.get(list_url(light="at_risk")).content.decode()
    assert "▲" in html and "Gefährdet" in html
    assert "(von Hand gesetzt)" in html


def test_an_unknown_light_is_explained_not_a_500(editor_client, one_of_each):
    response = editor_client.get(list_url(light="purple"))
    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_filtering_and_sorting_by_light_keeps_the_query_bound(
    editor_client, django_assert_max_num_queries, count
):
    field = ActionFieldFactory()
    for i in range(count):
        measure = MeasureFactory(action_field=field, status="in_progress", **LONG_AGO)
        ProgressReportFactory(measure=measure, percent=i)
    with django_assert_max_num_queries(11):
        response = editor_client.get(list_url(light="delayed", o="-light"))
    assert response.context["paginator"].count == count


def test_the_measure_page_shows_override_reason_expiry_and_the_computed_light(editor_client):
    until = in_days(40)
    measure = MeasureFactory(
        status="in_progress",
        light_override="at_risk",
        override_reason="Fördermittel noch nicht bewilligt",
        override_until=until,
        **LONG_AGO,
    )
    html = editor_client.get(measure.get_absolute_url()).content.decode()
    assert "Gefährdet" in html
    assert "Fördermittel noch nicht bewilligt" in html
    assert until.strftime("%d.%m.%Y") in html
    assert "berechnet: Verzögert" in html
    assert reverse("public:light-rule") in html
    assert reverse("measures:light-override", args=[measure.pk]) in html


def test_an_expired_override_gives_way_to_the_computed_light(editor_client):
    measure = MeasureFactory(status="in_progress", **LONG_AGO)
    Measure.objects.filter(pk=measure.pk).update(
        light_override="on_track", override_reason="Alt", override_until=datetime.date(2021, 1, 1)
    )
    html = editor_client.get(measure.get_absolute_url()).content.decode()
    assert "Verzögert" in html
    assert "abgelaufen" in html
    assert "berechnet:" not in html


def test_the_measure_page_compares_planned_and_actual_cost(editor_client):
    measure = MeasureFactory(
        one_off_cost=Decimal("10000"), external_cost=Decimal("5000"), actual_cost=Decimal("7250")
    )
    html = editor_client.get(measure.get_absolute_url()).content.decode()
    assert "Ist-Kosten bisher" in html
    assert "7.250\u00a0€" in html
    assert "15.000\u00a0€" in html


def test_the_measure_form_takes_the_actual_cost_in_german_format(editor_client):
    measure = measure_with_parts()
    form = editor_client.get(reverse("measures:measure-update", args=[measure.pk])).context["form"]
    assert "actual_cost" in form.fields
    data = edit_data(measure, actual_cost="1.234,50")
    response = editor_client.post(reverse("measures:measure-update", args=[measure.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    measure.refresh_from_db()
    assert measure.actual_cost == Decimal("1234.50")
