"""An import never overwrites a change made since the export: the version decides."""

import pytest
from django.utils import translation

from measures.models import Measure
from tests.agenda.import_table import Table, drop_column, problems_of, snapshot, upload

pytestmark = pytest.mark.django_db


def test_a_colleagues_change_after_the_export_is_not_overwritten(agenda):
    table = Table("csv")
    table.set("5.1-3", "Titel", "Mein Titel")
    colleague = Measure.objects.get(reference="5.1-3")
    colleague.title = "Titel der Kollegin"
    colleague.save()
    ((row, column, message),) = problems_of(table)
    assert (row, column) == (4, "Version")
    assert Measure.objects.get(reference="5.1-3").title == "Titel der Kollegin"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_update_from_a_file_without_a_version_column_is_refused_row_by_row(agenda, kind):
    before = snapshot()
    table = Table(kind)
    table.set("5.1-1", "Titel", "Ohne Version geändert")
    table.set("5.1-3", "Titel", "Auch ohne Version")
    table.copy_row("5.1-3", Kennung="5.1-9")
    drop_column(table, "Version")
    if kind == "xlsx":
        table.sheet.delete_cols(table.sheet.max_column)
    with translation.override("de"):
        problems = problems_of(table, table.name)
    assert [(row, column) for row, column, _message in problems] == [(2, "Version"), (4, "Version")]
    assert all("Die Version fehlt" in message for _row, _column, message in problems)
    assert snapshot() == before


def test_an_empty_version_of_a_known_measure_is_refused(agenda):
    table = Table("csv")
    table.set("5.1-2", "Titel", "Geändert")
    table.set("5.1-2", "Version", "")
    ((row, column, _message),) = problems_of(table)
    assert (row, column) == (3, "Version")


def test_a_file_without_a_version_column_still_creates_new_measures(agenda):
    before = snapshot()
    table = Table("csv")
    table.copy_row("5.1-3", Kennung="5.1-9")
    drop_column(table, "Version")
    result = table.run()
    assert (result.created, result.updated, result.unchanged) == (["5.1-9"], [], 3)
    after = snapshot()
    del after["5.1-9"]
    assert after == before


def test_the_page_names_the_row_whose_version_is_missing(editor_client, agenda):
    table = Table("csv")
    table.set("5.1-3", "Titel", "Ohne Version geändert")
    drop_column(table, "Version")
    response = upload(editor_client, table.content)
    assert response.status_code == 400
    assert [(p.row, p.column) for p in response.context["problems"]] == [(4, "Version")]
    assert "Die Version fehlt" in response.content.decode()
    assert Measure.objects.get(reference="5.1-3").title != "Ohne Version geändert"
