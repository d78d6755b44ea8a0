"""The traffic lights on the public pages: list, measure, field, overview and start page.

Dates are chosen so the lights do not depend on the day the tests run: a target date in 2001
has passed, a start in 2090 has not begun, an override runs until 2099.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.factories import (
    ActionFieldFactory,
    GoalFactory,
    MeasureFactory,
    ProgressReportFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("public:measure-list")
PAST = {"planned_start": datetime.date(2000, 1, 1), "planned_end": datetime.date(2001, 1, 1)}
FUTURE = {"planned_start": datetime.date(2090, 1, 1), "planned_end": datetime.date(2091, 1, 1)}


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def overridden(measure, light="at_risk", reason="Lieferverzug beim Dienstleister"):
    Measure.objects.filter(pk=measure.pk).update(
        light_override=light, override_reason=reason, override_until=datetime.date(2099, 3, 31)
    )
    return measure


@pytest.fixture
def agenda():
    """One measure per light in one field, plus an unpublished delayed one."""
    field = ActionFieldFactory(code="4.1", title="Verwaltung")
    goal = GoalFactory(action_field=field, title="Akten digital")
    measures = {
        "delayed": MeasureFactory(
            action_field=field, reference="4.1-1", status="in_progress", actual_cost=800, **PAST
        ),
        "on_track": MeasureFactory(action_field=field, reference="4.1-2", **FUTURE),
        "done": MeasureFactory(action_field=field, reference="4.1-3", status="completed"),
        "unrated": MeasureFactory(action_field=field, reference="4.1-4", status="idea"),
        "at_risk": overridden(MeasureFactory(action_field=field, reference="4.1-5", **PAST)),
    }
    measures["delayed"].goals.set([goal])
    measures["on_track"].goals.set([goal])
    MeasureFactory(action_field=field, reference="4.1-9", is_published=False, **PAST)
    return field, goal, measures


def references(html):
    # The reference cell of each row (the table tag may add its own classes next to ours).
    return re.findall(r"<td class=\"[^\"]*\bagenda-nowrap\b[^\"]*\"[^>]*>(4\.1-\d)</td>", html)


def test_the_list_shows_each_measures_light_as_symbol_and_text(client, agenda):
    html = page(client, LIST)
    for label in ["Verzögert", "Im Plan", "Abgeschlossen", "Nicht bewertet", "Gefährdet"]:
        assert label in html
    assert "■" in html and "▲" in html
    assert "(von Hand gesetzt)" in html  # the override is marked as such


def test_the_list_filters_by_light_and_sorts_worst_first(client, agenda):
    assert references(page(client, LIST, light="delayed")) == ["4.1-1"]
    assert references(page(client, LIST, o="light")) == [
        "4.1-1",
        "4.1-5",
        "4.1-2",
        "4.1-3",
        "4.1-4",
    ]
    assert references(page(client, LIST, o="-light"))[0] == "4.1-4"
    # An unknown sort key is dropped, not an empty list.
    assert len(references(page(client, LIST, o="nonsense"))) == 5


def test_the_measure_page_shows_the_override_with_reason_and_expiry(client, agenda):
    _field, _goal, measures = agenda
    html = page(client, reverse("public:measure-detail", args=["4.1-5"]))
    assert "Gefährdet" in html
    assert "Lieferverzug beim Dienstleister" in html
    assert "31.03.2099" in html
    assert reverse("public:light-rule") in html
    # An expired override is no longer shown; the computed light applies.
    Measure.objects.filter(pk=measures["at_risk"].pk).update(
        override_until=datetime.date(2002, 1, 1)
    )
    html = page(client, reverse("public:measure-detail", args=["4.1-5"]))
    assert "Lieferverzug" not in html
    assert "Verzögert" in html


def test_the_measure_page_shows_the_released_report_never_a_draft(client, agenda):
    _field, _goal, measures = agenda
    ProgressReportFactory(
        measure=measures["delayed"],
        date=datetime.date(2026, 5, 1),
        percent=40,
        problems="Server fehlt",
        next_steps="Server bestellen",
    )
    ProgressReportFactory(
        measure=measures["delayed"],
        date=datetime.date(2026, 6, 1),
        percent=95,
        text="Entwurfstext",
        problems="Geheimer Entwurf",
        released_at=None,
    )
    html = page(client, reverse("public:measure-detail", args=["4.1-1"]))
    assert "Server fehlt" in html and "Server bestellen" in html
    assert "Geheimer Entwurf" not in html and "Entwurfstext" not in html
    assert "95" not in re.sub(r"\d{3,}", "", html.split('id="report-h"')[1])


def test_the_field_page_rolls_up_the_field_and_each_goal(client, agenda):
    field, goal, _measures = agenda
    response = client.get(reverse("public:field-detail", args=[field.slug]))
    rollup = response.context["rollup"]
    assert rollup["measure_count"] == 5  # the unpublished one does not count
    assert (rollup["n_delayed"], rollup["n_at_risk"], rollup["n_on_track"]) == (1, 1, 1)
    assert rollup["actual_cost"] == Decimal(800)
    assert rollup["planned_cost"] == Decimal(75000)
    (shown,) = response.context["goals"]
    assert shown.rollup["measure_count"] == 2
    assert (shown.rollup["n_delayed"], shown.rollup["n_on_track"]) == (1, 1)
    html = response.content.decode()
    assert "Stand der Umsetzung" in html and "Ist-Kosten bisher" in html


def test_the_overview_draws_the_lights_per_field(client, agenda):
    html = page(client, reverse("public:overview"))
    assert 'id="chart-lights-title"' in html
    assert "■ 1" in html  # the count is written in the segment, beside its symbol
    assert "Ampeln je Handlungsfeld" in html


def test_the_start_page_shows_the_agenda_at_a_glance(client, agenda):
    response = client.get("/")
    row = response.context["agenda"]
    assert row["measure_count"] == 5
    assert row["progress"] == 20  # one completed measure of five, the rest without report
    html = response.content.decode()
    assert "Stand der Agenda" in html
    assert f"{LIST}?light=delayed" in html
    assert reverse("public:light-rule") in html
    for symbol in "■▲●✔○":
        assert symbol in html


def test_the_start_page_says_so_when_nothing_is_published(client):
    MeasureFactory(is_published=False)
    assert client.get("/").context["agenda"]["measure_count"] == 0
