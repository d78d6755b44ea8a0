"""Reading an uploaded CSV or XLSX file into rows, and the refusal that lists its problems."""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from agenda.transfer.table_format import COLUMNS, CSV_DELIMITER, SHEET_TITLE, cell_text, unguard

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
# An XLSX file is a zip archive; a small upload may unpack to gigabytes.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    row: int | None  # as Excel numbers it; None for the file as a whole
    column: str
    message: str


class ImportRefused(Exception):
    """The file was not imported; `problems` says why, row by row."""

    def __init__(self, problems):
        # By row; within a row in the order found, which is the order of the columns.
        self.problems = sorted(problems, key=lambda p: p.row or 0)
        super().__init__(_("Nothing was imported: the file has problems."))


def refuse(message, row=None, column=""):
    raise ImportRefused([Problem(row, column, message)])


def _read_csv(content):
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        refuse(_("The file is in UTF-16. Save it as “CSV UTF-8” and upload it again."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # What German Excel writes for plain “CSV (Trennzeichen-getrennt)”.
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            refuse(_("The file is neither a CSV file nor an XLSX file."))
    first_line = text.split("\n", 1)[0]
    delimiter = next((d for d in (CSV_DELIMITER, "\t", ",") if d in first_line), CSV_DELIMITER)
    try:
        for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield [unguard(cell) for cell in cells]
    except csv.Error as error:
        refuse(_("The CSV file cannot be read: %(error)s") % {"error": error})


def _read_xlsx(content):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        refuse(_("The file is not a valid XLSX file."))
    if unpacked > MAX_UNPACKED_BYTES:
        refuse(_("The XLSX file unpacks to too much data."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        refuse(_("The file is not a valid XLSX file."))
    try:
        names = workbook.sheetnames
        sheet = workbook[SHEET_TITLE] if SHEET_TITLE in names else workbook.worksheets[0]
        yield from (list(values) for values in sheet.iter_rows(values_only=True))
    except Exception:  # noqa: BLE001
        refuse(_("The file is not a valid XLSX file."))
    finally:
        workbook.close()


def read_table(*, content, filename):
    """(header, rows) of the file; rows are (row number as Excel shows it, raw cells)."""
    if not content:
        refuse(_("The file is empty."))
    if len(content) > MAX_BYTES:
        refuse(_("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // 2**20})
    name = filename.lower()
    if content.startswith(b"PK\x03\x04"):
        records = _read_xlsx(content)
    elif name.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        refuse(_("The file is not a valid XLSX file."))
    elif name.endswith((".csv", ".txt")):
        records = _read_csv(content)
    else:
        refuse(_("Upload a CSV or XLSX file."))
    header, rows = None, []
    for number, cells in enumerate(records, start=1):
        if not any(cell_text(cell).strip() for cell in cells):
            continue
        if header is None:
            header = [cell_text(cell) for cell in cells]
        elif len(rows) >= MAX_ROWS:
            refuse(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
        else:
            rows.append((number, cells))
    if header is None:
        refuse(_("The file is empty."))
    return header, rows


def normalise(text):
    return " ".join(text.split()).casefold()


def column_positions(header):
    """Column key -> position in the file, by German header, English header or key."""
    names = {}
    for column in COLUMNS:
        for name in (column.header, column.header_for("en"), column.key):
            names[normalise(name)] = column
    positions, problems = {}, []
    for index, text in enumerate(header):
        column = names.get(normalise(text))
        if column is None:
            continue  # the user's own helper columns are left alone
        if column.key in positions:
            problems.append(Problem(1, text, _("This column appears twice.")))
        positions[column.key] = index
    for column in COLUMNS:
        if column.key not in positions and column.key != "version":
            problems.append(Problem(1, column.header, _("This column is missing.")))
    if problems:
        raise ImportRefused(problems)
    return positions
