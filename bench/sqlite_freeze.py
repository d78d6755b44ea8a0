"""Freezing an edition on the embedded SQLite while a worker writes report progress.

Run: .venv/bin/python bench/sqlite_freeze.py [--tries 20]
A throw-away SQLite file with the demo agenda; a second connection (the worker's part)
updates a report's progress every 50 ms (--interval) while staff freeze editions through
the real view.
Prints how many freezes answered 500; exits 1 if any did.
"""

import argparse
import logging
import os
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
workdir = tempfile.mkdtemp(prefix="agenda-sqlite-freeze-")
DATABASE = Path(workdir) / "agenda.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_LOG_LEVEL", "CRITICAL")
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "0")
# As under `make run`: the database task backend, its worker beside the web app.
os.environ["AGENDA_TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
os.environ["DJANGO_SETTINGS_MODULE"] = "agenda.settings"

import django  # noqa: E402

django.setup()
# The 500s are counted below; their tracebacks would only bury the figure.
logging.disable(logging.CRITICAL)

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from agenda.models import Report  # noqa: E402
from strategy.staff import roles  # noqa: E402


def progress_writer(report_pk, interval, stop, counts):
    """The worker's side: short autocommit updates of a report's progress, as per page."""
    with sqlite3.connect(DATABASE, timeout=20, isolation_level=None) as worker:
        percent = 0
        while not stop.is_set():
            percent = percent % 95 + 1
            try:
                worker.execute(
                    "UPDATE agenda_report SET progress = ? WHERE id = ?", (percent, report_pk)
                )
                counts["writes"] += 1
            except sqlite3.OperationalError:
                counts["writer_errors"] += 1
            time.sleep(interval)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.05, help="seconds between writes")
    args = parser.parse_args()
    tries = args.tries

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    user = User.objects.create_user("bench", password=None)
    user.groups.add(Group.objects.get(name=roles.ADMINISTRATION))
    report = Report.objects.create(created_by=user, stage="bench")

    setup_test_environment()
    client = Client(raise_request_exception=False)
    client.force_login(user)
    counts = {"writes": 0, "writer_errors": 0}
    stop = threading.Event()
    writer = threading.Thread(target=progress_writer, args=(report.pk, args.interval, stop, counts))
    writer.start()
    statuses = []
    started = time.monotonic()
    try:
        for number in range(tries):
            response = client.post(
                reverse("editions:edition-create"),
                {"title": f"Fassung {number}", "reporting_date": "2026-11-30"},
            )
            statuses.append(response.status_code)
    finally:
        stop.set()
        writer.join()
    failed = statuses.count(500)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        print(f"journal mode: {cursor.fetchone()[0]}")
    print(f"freeze 500s: {failed} of {tries}")
    print(f"other statuses: {sorted(set(statuses) - {500})}")
    print(f"worker writes: {counts['writes']}, worker errors: {counts['writer_errors']}")
    print(f"seconds: {time.monotonic() - started:.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
