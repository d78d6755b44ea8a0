"""Reading an uploaded CSV or XLSX file into rows, and the refusal that lists its problems."""

import csv
import io
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from agenda.transfer import xlsx_reader
from agenda.transfer.table_format import COLUMNS, CSV_DELIMITER, SHEET_TITLE, cell_text, unguard

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
# Columns after these are never read: the user's helper columns fit, a cell in XFD costs nothing.
MAX_COLUMNS = 100
# An XLSX file is a zip archive; a small upload may unpack to gigabytes, or hold many sheets.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_XLSX_PARTS = 500


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
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, cells in enumerate(reader, start=1):
            yield number, [unguard(cell) for cell in cells[:MAX_COLUMNS]]
    except csv.Error as error:
        refuse(_("The CSV file cannot be read: %(error)s") % {"error": error})


def _read_xlsx(content, sheet_title):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile:
        refuse(_("The file is not a valid XLSX file."))
    # Declared sizes bound what unpacking yields: zipfile stops at them.
    if len(parts) > MAX_XLSX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
        refuse(_("The XLSX file unpacks to too much data."))
    return _read_xlsx_in_process(content, sheet_title)


def _read_xlsx_in_process(content, sheet_title):
    """The rows of the sheet, read by xlsx_reader in a process with a memory and time limit."""
    seconds = settings.AGENDA_IMPORT_SECONDS
    command = [
        sys.executable,
        "-I",  # ignores PYTHON* variables and the user's site-packages
        str(Path(xlsx_reader.__file__)),
        sheet_title,
        str(MAX_COLUMNS),
        str(MAX_ROWS),
        str(settings.AGENDA_IMPORT_MEMORY_MB),
    ]
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and script
            command, input=content, capture_output=True, timeout=seconds, check=False
        )
    except subprocess.TimeoutExpired:
        refuse(
            _(
                "Reading the file took longer than %(seconds)d seconds, so it was stopped. "
                "Save only the table of measures in a new file and upload that."
            )
            % {"seconds": seconds}
        )
    if done.returncode == xlsx_reader.EXIT_UNREADABLE:
        refuse(_("The file is not a valid XLSX file."))
    if done.returncode != 0:
        # Out of memory, or killed: either way the file asks for more than an import may take.
        refuse(
            _(
                "The file needs too much memory to be read. "
                "Save only the table of measures in a new file and upload that."
            )
        )
    for number, values in json.loads(done.stdout)["rows"]:
        yield number, [xlsx_reader.decode(value) for value in values]


def read_table(*, content, filename, sheet_title=SHEET_TITLE):
    """(header, rows) of the file; rows are (row number as Excel shows it, raw cells).

    Of a workbook, the sheet `sheet_title` is read, or the first one when there is none.
    """
    if not content:
        refuse(_("The file is empty."))
    if len(content) > MAX_BYTES:
        refuse(_("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // 2**20})
    name = filename.lower()
    if content.startswith(b"PK\x03\x04"):
        records = _read_xlsx(content, sheet_title)
    elif name.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        refuse(_("The file is not a valid XLSX file."))
    elif name.endswith((".csv", ".txt")):
        records = _read_csv(content)
    else:
        refuse(_("Upload a CSV or XLSX file."))
    header, rows = None, []
    for number, cells in records:
        if not any(cell_text(cell).strip() for cell in cells[:MAX_COLUMNS]):
            continue
        if header is None:
            header = [cell_text(cell) for cell in cells[:MAX_COLUMNS]]
            while header and not header[-1].strip():
                header.pop()
        elif len(rows) >= MAX_ROWS:
            refuse(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
        else:
            # Only the columns the header names; what lies beyond is never kept.
            rows.append((number, cells[: len(header)]))
    if header is None:
        refuse(_("The file is empty."))
    return header, rows


def normalise(text):
    return " ".join(text.split()).casefold()


def column_positions(header, columns=COLUMNS, optional=()):
    """Column key -> position in the file, by German header, English header or key.

    `columns` have `key`, `header` and `header_for(language)`; all but `optional` must be there.
    """
    names = {}
    for column in columns:
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
    for column in columns:
        required = not getattr(column, "optional", False) and column.key not in optional
        if column.key not in positions and required:
            problems.append(Problem(1, column.header, _("This column is missing.")))
    if problems:
        raise ImportRefused(problems)
    return positions
