"""Stacked tables carry their headings; staff lists remember the optional columns a user chose."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from strategy.tables.stacking import label_cells
from tests.factories import (
    ActionFieldFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
    measure_with_parts,
)

ALL_MEASURE_COLUMNS = ["field", "priority", "unit", "start", "end", "cost", "granted", "progress"]
ALL_FIELD_COLUMNS = [
    "perspective", "goals", "measures", "lights", "staff_days",
    "cost", "granted", "own_share", "actual_cost", "timeline",
]  # fmt: skip
ALL_GOAL_COLUMNS = ["measures", "lights", "cost", "granted", "own_share", "actual_cost", "timeline"]
ALL_INDICATOR_COLUMNS = ["goal", "unit", "target", "due"]


def test_each_body_cell_is_labelled_with_its_column_heading():
    html = label_cells(
        '<table class="table-stack"><thead><tr>'
        '<th scope="col">Kosten &amp; <span>Mittel</span></th>'
        '<th colspan="2">Zeit</th></tr></thead><tbody><tr><th scope="row">A</th><td>1<br></td>'
        '<td>2</td></tr><tr><td colspan="3">leer</td></tr></tbody></table>'
    )
    assert (
        '<th scope="row" class="kern-table__header" role="rowheader" '
        'data-label="Kosten &amp; Mittel">A</th>' in html
    )
    assert html.count('data-label="Zeit"') == 2
    # A cell over several columns belongs to none of them.
    assert '<td colspan="3" class="kern-table__cell" role="cell">leer</td>' in html
    assert '<table class="table-stack" role="table">' in html


def test_every_part_of_the_table_gets_its_kern_class_and_numbers_align():
    """KERN styles a table only through classes on each part; the templates write plain rows."""
    html = label_cells(
        '<table class="kern-table"><thead><tr><th>Titel</th><th class="num">Kosten</th></tr>'
        '</thead><tbody><tr><td class="x">A</td><td class="num">1</td></tr></tbody>'
        '<tfoot><tr><th>Summe</th><td class="text-end">1</td></tr></tfoot></table>'
    )
    assert '<tbody class="kern-table__body" role="rowgroup">' in html
    assert '<tfoot class="kern-table__footer" role="rowgroup">' in html
    assert html.count('class="kern-table__row"') == 3
    assert '<th class="num kern-table__header kern-table__header--numeric"' in html
    assert '<td class="x kern-table__cell" role="cell" data-label="Titel">A</td>' in html
    assert '<td class="num kern-table__cell kern-table__cell--numeric"' in html
    assert '<td class="text-end kern-table__cell kern-table__cell--numeric"' in html


def test_the_label_leaves_out_what_only_screen_readers_hear():
    """A sort link's heading says "Kennung (sortieren)" to screen readers; the label on the
    phone shows "Kennung"."""
    html = label_cells(
        '<table><thead><tr><th><a href="?o=r">Kennung<span class="visually-hidden"> '
        "(<b>sortieren</b>)<br></span></a></th><th>Titel</th></tr></thead>"
        "<tbody><tr><td>4.1-1</td><td>X</td></tr></tbody></table>"
    )
    assert 'data-label="Kennung"' in html
    assert 'data-label="Titel"' in html


def test_a_heading_with_markup_or_quotes_cannot_break_out_of_the_label():
    html = Template(
        "{% load tables %}{% stacktable %}<table><thead><tr><th>{{ h }}</th></tr></thead>"
        "<tbody><tr><td>x</td></tr></tbody></table>{% endstacktable %}"
    ).render(Context({"h": '"><script>alert(1)</script>'}))
    assert "<script>" not in html
    assert 'data-label="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_nested_tables_keep_their_own_cells_unlabelled():
    html = label_cells(
        "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td><table><tr><td>inner</td>"
        "</tr></table></td></tr></tbody></table>"
    )
    assert "<td>inner</td>" in html
    assert 'role="cell" data-label="A"><table>' in html


def headings(response):
    html = response.content.decode()
    thead = html[html.index("<thead") : html.index("</thead>")]
    return thead


@pytest.mark.django_db
def test_the_measure_list_shows_the_default_columns_until_the_user_chooses(editor_client):
    MeasureFactory()
    url = reverse("measures:measure-list")
    thead = headings(editor_client.get(url))
    assert "Handlungsfeld" in thead and "Priorität" not in thead and "Bewilligt" not in thead
    response = editor_client.post(
        f"{url}?q=x", {"choose_columns": "1", "columns": ["priority", "granted"]}
    )
    assert response.status_code == 302 and response["Location"] == f"{url}?q=x"
    # Remembered on the next requests; the mandatory columns stay.
    for _ in range(2):
        thead = headings(editor_client.get(url))
        assert "Priorität" in thead and "Bewilligt" in thead and "Handlungsfeld" not in thead
        assert "Titel" in thead and "Status" in thead and "Ampel" in thead


@pytest.mark.django_db
def test_unchecking_every_optional_column_leaves_the_mandatory_ones(editor_client):
    url = reverse("strategy:field-list")
    ActionFieldFactory()
    editor_client.post(url, {"choose_columns": "1"})
    thead = headings(editor_client.get(url))
    assert "Handlungsfeld" in thead and "Gesamtkosten" not in thead and "Ampeln" not in thead
    html = editor_client.get(url).content.decode()
    assert 'id="column-cost"' in html and 'id="column-cost" checked' not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, known",
    [
        ("measures:measure-list", "cost"),
        ("strategy:field-list", "cost"),
        ("strategy:goal-list", "cost"),
        ("strategy:indicator-list", "due"),
    ],
)
def test_an_unknown_column_is_refused_with_a_message_and_the_choice_stays(
    editor_client, name, known
):
    url = reverse(name)
    editor_client.post(url, {"choose_columns": "1", "columns": [known]})
    response = editor_client.post(
        url, {"choose_columns": "1", "columns": [known, "<b>passwort</b>"]}, follow=True
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unbekannte Spalte: &lt;b&gt;passwort&lt;/b&gt;" in html
    assert response.context["columns"] == {known}


@pytest.mark.django_db
def test_the_goal_list_drops_the_lesser_money_columns_until_the_user_chooses(editor_client):
    """Issue 12: the goal list was 1,116 px wide in a 1,280 px window; own share and actual cost
    are optional now, and hidden until chosen."""
    GoalFactory(title="Das Ehrenamt stärken")
    url = reverse("strategy:goal-list")
    thead = headings(editor_client.get(url))
    assert "Gesamtkosten" in thead and "Ampel" in thead and "Zeitplan" in thead
    assert "Eigenanteil" not in thead and "Ist-Kosten" not in thead and "Bewilligt" not in thead
    editor_client.post(url, {"choose_columns": "1", "columns": ["own_share", "actual_cost"]})
    for _ in range(2):
        response = editor_client.get(url)
        thead = headings(response)
        assert "Eigenanteil" in thead and "Ist-Kosten" in thead and "Gesamtkosten" not in thead
        # Field, goal and the move buttons stay.
        assert "Handlungsfeld" in thead and "Ziel</th>" in thead and "Aktionen" in thead
        assert "Das Ehrenamt stärken" in response.content.decode()


@pytest.mark.django_db
def test_an_empty_goal_list_spans_every_column_shown(editor_client):
    url = reverse("strategy:goal-list")
    assert 'colspan="8"' in editor_client.get(url).content.decode()
    editor_client.post(url, {"choose_columns": "1", "columns": ["cost"]})
    assert 'colspan="4"' in editor_client.get(url).content.decode()


@pytest.mark.django_db
def test_the_indicator_list_remembers_its_columns_and_keeps_the_filter(editor_client):
    indicator = IndicatorFactory(name="Breitbandquote", unit="Prozent")
    IndicatorValueFactory(indicator=indicator)
    url = reverse("strategy:indicator-list")
    thead = headings(editor_client.get(url))
    assert "Ziel</th>" in thead and "Einheit" in thead and "Zielwert" in thead
    response = editor_client.post(
        f"{url}?light=on_track", {"choose_columns": "1", "columns": ["due"]}
    )
    assert response.status_code == 302 and response["Location"] == f"{url}?light=on_track"
    response = editor_client.get(url)
    thead = headings(response)
    assert "Einheit" not in thead and "Zielwert" not in thead and "Ziel</th>" not in thead
    # The name, the latest value and the light are always shown.
    assert "Kennzahl" in thead and "Letzter Wert" in thead and "Ampel" in thead
    # Without its column, the unit goes with the value.
    assert "\u00a0<bdi>Prozent</bdi>" in response.content.decode()


@pytest.mark.django_db
def test_a_post_without_the_column_form_is_not_allowed(editor_client):
    assert editor_client.post(reverse("measures:measure-list"), {}).status_code == 405


@pytest.mark.django_db
def test_a_reader_may_choose_columns_too_but_not_an_anonymous_visitor(client, reader):
    url = reverse("measures:measure-list")
    response = client.post(url, {"choose_columns": "1", "columns": ["cost"]})
    assert response.status_code == 302 and "anmelden" in response["Location"]
    client.force_login(reader)
    client.post(url, {"choose_columns": "1", "columns": ["cost"]})
    assert client.get(url).context["columns"] == {"cost"}


def some_measures(count):
    field = ActionFieldFactory()
    for _ in range(count // 3):
        measure_with_parts(action_field=field)
        MeasureFactory.create_batch(2, action_field=field)


def some_fields(count):
    for _ in range(count):
        MeasureFactory(action_field=ActionFieldFactory())


def some_goals(count):
    for _ in range(count):
        MeasureFactory().goals.add(GoalFactory())


def some_indicators(count):
    for _ in range(count):
        IndicatorValueFactory(indicator=IndicatorFactory())


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    "name, columns, make, bound",
    [
        ("measures:measure-list", ALL_MEASURE_COLUMNS, some_measures, 14),
        ("strategy:field-list", ALL_FIELD_COLUMNS, some_fields, 9),
        ("strategy:goal-list", ALL_GOAL_COLUMNS, some_goals, 9),
        ("strategy:indicator-list", ALL_INDICATOR_COLUMNS, some_indicators, 12),
    ],
)
def test_every_column_shown_keeps_the_list_query_bound(
    editor_client, django_assert_max_num_queries, count, name, columns, make, bound
):
    url = reverse(name)
    editor_client.post(url, {"choose_columns": "1", "columns": columns})
    make(count)
    with django_assert_max_num_queries(bound):
        response = editor_client.get(url)
    assert len(response.context["columns"]) == len(columns)
