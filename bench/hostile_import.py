"""Hostile XLSX uploads: peak memory and time of reading them, each in a fresh process.

Run: .venv/bin/python bench/hostile_import.py [--timeout 120]
Before the fix (issue 9, #17), on 2 shared cores: the XFD file took 9 s and 309 MB peak
(+235 MB over a loaded Django), the XFD1048576 file was still reading after 150 s.
Prints, per file, its size, the outcome (rows read or the refusal), the wall time and the
peak resident memory of the process that read it, and the same for a legitimate export of
2,000 rows as the yardstick. A read that outlives --timeout is killed and shown as such.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile_files import one_cell_at_the_very_end, xfd_in_every_row  # noqa: E402


def legitimate_export(rows=2000):
    from openpyxl import Workbook

    from agenda.transfer.table_format import COLUMNS

    book = Workbook()
    sheet = book.active
    sheet.title = "Maßnahmen"
    sheet.append([column.header for column in COLUMNS])
    for n in range(rows):
        sheet.append(
            [f"1.1-{n}", "Titel " * 10, "Kurzbeschreibung " * 20] + ["x"] * (len(COLUMNS) - 3)
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CHILD = """
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agenda.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("DJANGO_DEBUG", "1")
import django
django.setup()
from agenda.transfer.files import ImportRefused, read_table
content = open({path!r}, "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.monotonic()
try:
    header, rows = read_table(content=content, filename="hostile.xlsx")
    outcome = f"read {{len(rows)}} rows"
except ImportRefused as refused:
    outcome = "refused: " + refused.problems[0].message
elapsed = time.monotonic() - start
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"outcome": outcome, "seconds": elapsed, "baseline_mb": before / 1024,
                  "peak_mb": peak / 1024, "reader_mb": children / 1024}}))
"""


def measure(name, content, timeout):
    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as file:
        file.write(content)
    code = CHILD.format(root=str(ROOT), path=file.name)
    start = time.monotonic()
    try:
        result = subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
        )
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        line = (
            f"{figures['seconds']:6.2f} s  server process peak {figures['peak_mb']:4.0f} MB "
            f"(+{figures['peak_mb'] - figures['baseline_mb']:3.0f} MB over Django loaded), "
            f"reader process peak {figures['reader_mb']:4.0f} MB  {figures['outcome']}"
        )
    except subprocess.TimeoutExpired:
        line = f"> {timeout:.0f} s, killed (still reading)  peak unknown"
    except (IndexError, json.JSONDecodeError):
        line = f"failed after {time.monotonic() - start:.1f} s: {result.stderr.strip()[-300:]}"
    finally:
        os.unlink(file.name)
    print(f"{name:<40} {len(content) / 1024:7.1f} KB  {line}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agenda.settings")
    os.environ.setdefault(
        "DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789"
    )
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()
    print(
        f"limit per read: --timeout {args.timeout:.0f} s; max RSS of this parent: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    measure("legitimate export, 2,000 rows", legitimate_export(), args.timeout)
    measure("one cell in column XFD in 4,000 rows", xfd_in_every_row(), args.timeout)
    measure("one cell at XFD1048576", one_cell_at_the_very_end(), args.timeout)


if __name__ == "__main__":
    main()
