"""Indicator values to XLSX and back: every row checked, every problem listed, all or nothing."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from agenda.transfer.files import ImportRefused
from agenda.transfer.indicator_values import COLUMNS, import_indicator_values
from strategy.models import IndicatorValue
from tests.factories import IndicatorFactory, IndicatorValueFactory
from tests.hostile_files import (
    one_cell_at_the_very_end,
    text_cell,
    xfd_in_every_row,
    xlsx_with_sheet,
)

pytestmark = pytest.mark.django_db

EXPORT = reverse("exports:indicators-xlsx")
IMPORT = reverse("exports:indicators-import")
HEADER = ["Kennzahl-Nr.", "Kennzahl", "Ziel", "Einheit", "Datum", "Wert", "Kommentar"]


def xlsx(rows, header=HEADER, title="Kennzahlen"):
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def refused(content):
    with translation.override("de"), pytest.raises(ImportRefused) as error:
        import_indicator_values(content=content, filename="werte.xlsx")
    return [(p.row, p.column, p.message) for p in error.value.problems]


@pytest.fixture
def indicator():
    indicator = IndicatorFactory(name="Online-Dienste", unit="%")
    IndicatorValueFactory(indicator=indicator, date=datetime.date(2025, 1, 1), value=30)
    IndicatorValueFactory(
        indicator=indicator, date=datetime.date(2026, 1, 1), value=Decimal("41.5"), comment="=1+1"
    )
    return indicator


def test_the_export_has_one_row_per_value_with_the_seven_columns(editor_client, indicator):
    response = editor_client.get(EXPORT)
    assert response["Content-Disposition"].startswith('attachment; filename="kennzahlen-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    with translation.override("de"):
        assert list(rows[0]) == [c.header for c in COLUMNS] == HEADER
    goal = indicator.goal
    assert rows[2] == (
        indicator.pk,
        "Online-Dienste",
        f"{goal.action_field.code} {goal.title}",
        "%",
        datetime.datetime(2026, 1, 1),
        41.5,
        "=1+1",
    )
    # A comment that looks like a formula stays text.
    assert sheet.cell(3, 7).data_type == "s"


def test_an_unchanged_export_imports_as_unchanged(editor_client, indicator):
    content = editor_client.get(EXPORT).content
    result = import_indicator_values(content=content, filename="export.xlsx")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


def test_rows_are_matched_by_indicator_and_date_to_update_or_add(indicator):
    content = xlsx(
        [
            [indicator.pk, "", "", "", "01.01.2026", "43,5", "korrigiert"],
            [indicator.pk, "", "", "", datetime.datetime(2026, 7, 1), 47, None],
        ]
    )
    result = import_indicator_values(content=content, filename="werte.xlsx")
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    values = {v.date: (v.value, v.comment) for v in indicator.values.all()}
    assert values == {
        datetime.date(2025, 1, 1): (Decimal("30"), ""),
        datetime.date(2026, 1, 1): (Decimal("43.5"), "korrigiert"),
        datetime.date(2026, 7, 1): (Decimal("47"), ""),
    }


def test_every_problem_is_listed_by_row_in_german_and_nothing_is_stored(indicator):
    content = xlsx(
        [
            [indicator.pk, "", "", "", "01.07.2026", "50", ""],  # fine, but not stored
            [999999, "", "", "", "01.07.2026", "50", ""],
            ["abc", "", "", "", "01.07.2026", "50", ""],
            [indicator.pk, "", "", "", "31.02.2026", "50", ""],
            [indicator.pk, "", "", "", "01.08.2026", "viel", ""],
            [indicator.pk, "", "", "", "01.07.2026", "51", ""],
            [indicator.pk, "", "", "", "", "", ""],
        ]
    )
    problems = refused(content)
    assert problems == [
        (3, "Kennzahl-Nr.", "Es gibt keine Kennzahl mit der Nummer „999999“."),
        (4, "Kennzahl-Nr.", "Es gibt keine Kennzahl mit der Nummer „abc“."),
        (
            5,
            "Datum",
            "„31.02.2026“ ist kein gültiges Datum. Schreiben Sie Daten in der Form TT.MM.JJJJ.",
        ),
        (6, "Wert", "„viel“ ist keine Zahl. Schreiben Sie Zahlen in der Form 1.234,56."),
        (
            7,
            "Datum",
            f"Kennzahl {indicator.pk} hat hier einen zweiten Wert für den 01.07.2026; "
            "der erste steht in Zeile 2.",
        ),
        (8, "Datum", "Diese Zelle darf nicht leer sein."),
        (8, "Wert", "Diese Zelle darf nicht leer sein."),
    ]
    assert IndicatorValue.objects.count() == 2


def test_a_missing_column_is_named(indicator):
    problems = refused(xlsx([[indicator.pk, "01.07.2026"]], header=["Kennzahl-Nr.", "Datum"]))
    assert problems == [(1, "Wert", "Diese Spalte fehlt.")]


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        (xfd_in_every_row(), "huge.xlsx"),
        (one_cell_at_the_very_end(), "end.xlsx"),
        (b"MZ\x90\x00 not a spreadsheet", "werte.xlsx"),
        (b"PK\x03\x04broken", "werte.xlsx"),
    ],
)
def test_hostile_files_are_refused_with_a_message(content, filename):
    with translation.override("de"), pytest.raises(ImportRefused) as error:
        import_indicator_values(content=content, filename=filename)
    assert error.value.problems
    assert IndicatorValue.objects.count() == 0


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (80 * 1024 * 1024))
    (problem,) = refused(buffer.getvalue())
    assert "zu viele Daten" in problem[2] or "entpackt" in problem[2]


def test_formulas_are_read_as_their_cached_value_never_run(indicator):
    header = "".join(text_cell(f"{c}1", h) for c, h in zip("ABCDEFG", HEADER, strict=True))
    rows = (
        f'<row r="1">{header}</row>'
        f'<row r="2"><c r="A2"><v>{indicator.pk}</v></c>{text_cell("E2", "01.07.2026")}'
        '<c r="F2"><f>1+1</f></c></row>'
    )
    problems = refused(xlsx_with_sheet(rows, "A1:G2"))
    assert problems == [(2, "Wert", "Diese Zelle darf nicht leer sein.")]


def test_the_import_page_lists_the_problems_and_the_list_links_both(editor_client, indicator):
    assert EXPORT in editor_client.get(reverse("strategy:indicator-list")).content.decode()
    upload = SimpleUploadedFile("werte.xlsx", xlsx([[999, "", "", "", "01.07.2026", "1", ""]]))
    response = editor_client.post(IMPORT, {"file": upload})
    assert response.status_code == 400
    assert "Es gibt keine Kennzahl mit der Nummer „999“." in response.content.decode()
    upload = SimpleUploadedFile(
        "werte.xlsx", xlsx([[indicator.pk, "", "", "", "01.07.2026", "1", ""]])
    )
    response = editor_client.post(IMPORT, {"file": upload}, follow=True)
    assert "1 Werte hinzugefügt" in response.content.decode()
    assert indicator.values.count() == 3
