"""Hostile uploads cost the server little memory and time, and get a clear message."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from agenda.transfer.files import MAX_COLUMNS, MAX_ROWS, MAX_XLSX_PARTS, read_table
from agenda.transfer.imports import ImportRefused
from agenda.transfer.table_format import COLUMNS
from tests.hostile_files import (
    header_row,
    one_cell_at_the_very_end,
    text_cell,
    xfd_in_every_row,
    xlsx_with_sheet,
)

HEADERS = [column.header for column in COLUMNS]


def measured(content, filename="hostile.xlsx"):
    """The outcome of reading, the peak memory it allocated here (MB) and its seconds."""
    tracemalloc.start()
    start = time.monotonic()
    try:
        outcome = read_table(content=content, filename=filename)
    except ImportRefused as refused:
        outcome = refused
    finally:
        seconds = time.monotonic() - start
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return outcome, peak / 2**20, seconds


def refusal(content, filename="hostile.xlsx"):
    with translation.override("de"), pytest.raises(ImportRefused) as refused:
        read_table(content=content, filename=filename)
    ((problem),) = refused.value.problems
    return problem.message


def test_a_cell_in_column_xfd_on_every_row_costs_the_server_no_memory():
    content = xfd_in_every_row()
    assert len(content) < 40_000
    (header, rows), megabytes, seconds = measured(content)
    # Before: 250 MB and 9 s; the cells beyond the header are never read.
    assert header == HEADERS
    assert rows == []
    assert megabytes < 10
    assert seconds < 8


def test_one_cell_at_xfd1048576_is_read_in_a_moment():
    content = one_cell_at_the_very_end()
    assert len(content) < 10_000
    (header, rows), megabytes, seconds = measured(content)
    # Before: about half an hour, filling a million rows of 16,384 columns.
    assert header == HEADERS
    assert rows == []
    assert megabytes < 10
    assert seconds < 8


def test_data_rows_keep_only_the_columns_of_the_header():
    data = "".join(
        f'<row r="{r}">{text_cell(f"A{r}", f"1.1-{r}")}{text_cell(f"XFD{r}", "x")}</row>'
        for r in range(2, 12)
    )
    (header, rows), _megabytes, _seconds = measured(xlsx_with_sheet(header_row() + data))
    assert [number for number, _cells in rows] == list(range(2, 12))
    assert {len(cells) for _number, cells in rows} == {len(HEADERS)}
    assert rows[0][1][0] == "1.1-2"


def test_rows_beyond_the_limit_are_refused_without_reading_them_all():
    data = "".join(f'<row r="{r}">{text_cell(f"A{r}", "x")}</row>' for r in range(2, 60_000))
    message = refusal(xlsx_with_sheet(header_row() + data))
    assert str(MAX_ROWS) in message


def test_a_read_that_takes_too_long_is_stopped_with_a_message(settings):
    settings.AGENDA_IMPORT_SECONDS = 0
    message = refusal(xfd_in_every_row(rows=10))
    assert "dauerte länger als 0 Sekunden" in message


def test_a_sheet_that_needs_too_much_memory_is_refused(settings):
    settings.AGENDA_IMPORT_MEMORY_MB = 200
    # One row of a million empty cells: about 60 KB packed, hundreds of MB once parsed.
    cells = "<c/>" * 1_000_000
    content = xlsx_with_sheet(f'<row r="1">{cells}</row>')
    assert len(content) < 200_000
    assert "zu viel Arbeitsspeicher" in refusal(content)


def test_an_xlsx_with_thousands_of_sheets_is_refused_before_it_is_opened():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(MAX_XLSX_PARTS + 1):
            archive.writestr(f"xl/worksheets/sheet{number}.xml", "<worksheet/>")
    assert "zu viel" in refusal(buffer.getvalue())


def test_a_zip_bomb_is_refused_from_its_declared_sizes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * (61 * 2**20))
    content = buffer.getvalue()
    assert len(content) < 200_000
    assert "zu viel" in refusal(content)


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        # One line of 4 MB, far over the csv module's field limit.
        (b"Kennung;" + b"x" * (4 * 2**20), "eine-zeile.csv"),
        (b"Kennung;Titel\r\n1.1-1;\x00\x00\x00\r\n", "nul.csv"),
        (b"Kennung;Titel\r\n1.1-1;\x81\x8d\x8f\x90\x9d\r\n", "kodierung.csv"),
        (b"[" * 100_000 + b"]" * 100_000, "tief.json"),
        (b"[" * 100_000 + b"]" * 100_000, "tief.csv"),
    ],
)
def test_other_hostile_files_get_a_message(db, content, filename):
    with pytest.raises(ImportRefused):
        from agenda.transfer.imports import import_measures

        import_measures(content=content, filename=filename)


def test_only_the_first_columns_of_a_wide_csv_are_kept():
    content = (";".join(HEADERS) + ";" * 100_000 + "\r\n1.1-1" + ";" * 100_000).encode()
    header, rows = read_table(content=content, filename="breit.csv")
    assert header == HEADERS
    assert len(rows[0][1]) <= MAX_COLUMNS


def test_the_import_page_reports_a_hostile_file_never_a_500(editor_client):
    upload = SimpleUploadedFile("ende.xlsx", one_cell_at_the_very_end())
    start = time.monotonic()
    response = editor_client.post(reverse("exports:import"), {"file": upload})
    assert time.monotonic() - start < 8
    assert response.status_code == 200
    assert response.context["result"].created == []
