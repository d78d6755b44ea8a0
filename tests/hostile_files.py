"""Hostile XLSX files, written by hand: for the import tests and bench/hostile_import.py."""

import io
import zipfile

SHEET_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
)


def text_cell(reference, text):
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row():
    from openpyxl.utils import get_column_letter

    from agenda.transfer.table_format import COLUMNS

    cells = "".join(
        text_cell(f"{get_column_letter(i)}1", column.header)
        for i, column in enumerate(COLUMNS, start=1)
    )
    return f'<row r="1">{cells}</row>'


def xlsx_with_sheet(rows_xml, dimension="A1"):
    """A real workbook whose one sheet is replaced by the given rows."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active.title = "Maßnahmen"
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = SHEET_XML.format(dimension=dimension, rows=rows_xml).encode()
            target.writestr(info.filename, data)
    return out.getvalue()


def xfd_in_every_row(rows=4000):
    """The issue's first file: below the header, each row holds one cell in column XFD."""
    cells = "".join(f'<row r="{r}">{text_cell(f"XFD{r}", "x")}</row>' for r in range(2, rows + 2))
    return xlsx_with_sheet(header_row() + cells, f"A1:XFD{rows + 1}")


def one_cell_at_the_very_end():
    """The issue's second file: one cell at XFD1048576, the last cell a sheet can hold."""
    last = f'<row r="1048576">{text_cell("XFD1048576", "x")}</row>'
    return xlsx_with_sheet(header_row() + last, "A1:XFD1048576")
