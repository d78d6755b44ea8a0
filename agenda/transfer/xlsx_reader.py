"""Reads the cells of an uploaded XLSX file in a process of its own, under limits.

Runs as a script (`python -I xlsx_reader.py SHEET COLUMNS ROWS MEMORY_MB`, the file on
stdin) and needs only openpyxl: a hostile file may cost this process memory and time, which
its limits and the caller's timeout bound, but never the web worker. Writes one JSON object
to stdout, {"rows": [[row number, [cell, ...]], ...]}, or exits with a code below.
"""

import datetime
import io
import json
import sys

# Exit codes the caller tells apart.
EXIT_MEMORY = 3
EXIT_UNREADABLE = 4


def limit_memory(megabytes):
    try:
        import resource
    except ImportError:  # not on Unix: only the caller's timeout bounds the read
        return
    limit = megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def encode(value):
    """A cell value as JSON; dates and durations tagged so the caller gets them back."""
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"time": value.isoformat()}
    if isinstance(value, datetime.timedelta):
        return {"seconds": value.total_seconds()}
    return value


def decode(value):
    if not isinstance(value, dict):
        return value
    if "datetime" in value:
        return datetime.datetime.fromisoformat(value["datetime"])
    if "date" in value:
        return datetime.date.fromisoformat(value["date"])
    if "time" in value:
        return datetime.time.fromisoformat(value["time"])
    return datetime.timedelta(seconds=value["seconds"])


def read_rows(content, *, sheet_title, max_columns, max_rows):
    """(row number, cells) of the rows that hold something, at most `max_rows` + 2 of them.

    Only the rows the sheet's XML holds are visited and only the first `max_columns` columns
    kept; the sheet's declared size is ignored. openpyxl's `iter_rows` would fill every gap
    with empty rows, a million of them for one cell at XFD1048576, so this uses its parser.
    """
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        names = workbook.sheetnames
        sheet = workbook[sheet_title] if sheet_title in names else workbook.worksheets[0]
        rows = []
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for number, cells in parser.parse():
                values = [None] * max_columns
                for cell in cells:
                    if cell["column"] <= max_columns:
                        values[cell["column"] - 1] = encode(cell["value"])
                if all(value is None or value == "" for value in values):
                    continue
                rows.append((number, values))
                # The header and one row too many: enough for the caller to refuse the file.
                if len(rows) > max_rows + 1:
                    break
        return rows
    finally:
        workbook.close()


def main():
    sheet_title, max_columns, max_rows, memory = sys.argv[1:5]
    limit_memory(int(memory))
    content = sys.stdin.buffer.read()
    try:
        rows = read_rows(
            content, sheet_title=sheet_title, max_columns=int(max_columns), max_rows=int(max_rows)
        )
    except MemoryError:
        sys.exit(EXIT_MEMORY)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        sys.exit(EXIT_UNREADABLE)
    try:
        json.dump({"rows": rows}, sys.stdout, ensure_ascii=True)
    except MemoryError:
        sys.exit(EXIT_MEMORY)


if __name__ == "__main__":
    main()
