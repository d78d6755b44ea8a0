"""The tasks worker outlives a database that is down: it waits, reconnects and carries on.

The worker runs as its own process (`manage.py run_worker`), as under `make run`.
"""

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from tests.agenda import worker_tasks

BASE_DIR = Path(settings.BASE_DIR)
WORKER_ENV = {
    "AGENDA_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    "DJANGO_LOG_FORMAT": "text",
    "PYTHONUNBUFFERED": "1",
}
WORKER = [
    sys.executable,
    "manage.py",
    "run_worker",
    "--no-reload",
    "--no-startup-delay",
    "--interval=0.2",
    "--max-retry-delay=2",
]


class Process:
    """A subprocess whose output is collected line by line, so tests can wait for a line."""

    def __init__(self, command, database_url):
        self.lines = []
        env = {**os.environ, **WORKER_ENV, "DATABASE_URL": database_url}
        self.process = subprocess.Popen(  # noqa: S603
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)

    def wait_for_line(self, text, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return
            assert self.process.poll() is None, "worker exited:\n" + self.output()
            time.sleep(0.1)
        raise AssertionError(f"no line with {text!r} in {timeout} s:\n" + self.output())

    def output(self):
        return "".join(self.lines[-60:])

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def wait_until(condition, what, worker, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        assert worker.process.poll() is None, "worker exited:\n" + worker.output()
        time.sleep(0.2)
    raise AssertionError(f"{what} not within {timeout} s:\n" + worker.output())


PREPARE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.agenda.worker_tasks import echo
print("task", echo.enqueue("hallo").id)
"""


def test_the_worker_waits_for_a_missing_sqlite_database_and_then_runs_its_task(tmp_path):
    ready, live = tmp_path / "ready", tmp_path / "live"
    ready.mkdir()
    prepare = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PREPARE],
        cwd=BASE_DIR,
        env={
            **os.environ,
            **WORKER_ENV,
            "DATABASE_URL": f"sqlite:///{ready}/agenda.sqlite3",
            "DJANGO_SETTINGS_MODULE": "agenda.settings",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert prepare.returncode == 0, prepare.stderr[-3000:]
    task_id = prepare.stdout.split("task ")[1].strip()

    # The folder is missing: SQLite cannot open the file, as with a volume not mounted yet.
    worker = Process(WORKER, f"sqlite:///{live}/agenda.sqlite3")
    try:
        worker.wait_for_line("Database unreachable (OperationalError)")
        worker.wait_for_line("retrying in 2 s")
        ready.rename(live)

        def task_done():
            with sqlite3.connect(live / "agenda.sqlite3", timeout=20) as database:
                row = database.execute(
                    f"SELECT status FROM {DBTaskResult._meta.db_table} WHERE id = ?",  # noqa: S608
                    [uuid.UUID(task_id).hex],  # SQLite keeps UUIDs without dashes
                ).fetchone()
            return row == ("SUCCESSFUL",)

        wait_until(task_done, "the task", worker)
        assert worker.process.poll() is None
    finally:
        worker.stop()
    assert "hallo" not in worker.output()  # no task data in the log


class Outage:
    """A TCP relay to PostgreSQL that can go down and come back on the same port."""

    def __init__(self, upstream):
        self.upstream = upstream
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.sockets = []
        self.listener = None

    def up(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen()
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def down(self):
        """Refuse new connections and cut the open ones, like a database restart."""
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets = []

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            self.sockets += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def task_status(result):
    return DBTaskResult.objects.get(pk=result.id).status


@pytest.mark.django_db(transaction=True)
def test_the_worker_survives_a_postgresql_outage_and_runs_tasks_afterwards():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: a server to cut off; SQLite is covered above")
    database = connection.settings_dict
    outage = Outage((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)))
    outage.up()
    url = f"postgres://{database['USER']}@127.0.0.1:{outage.port}/{database['NAME']}"
    backend = DatabaseBackend("default", {})
    worker = Process(WORKER, url)
    try:
        before = backend.enqueue(worker_tasks.echo, ["vorher"], {})
        wait_until(lambda: task_status(before) == "SUCCESSFUL", "the first task", worker)

        outage.down()
        worker.wait_for_line("Lost the database")
        worker.wait_for_line("retrying in 2 s")
        during = backend.enqueue(worker_tasks.echo, ["während"], {})
        outage.up()

        wait_until(lambda: task_status(during) == "SUCCESSFUL", "the task after", worker)
        assert worker.process.poll() is None
        assert "Database reachable again" in worker.output()
    finally:
        worker.stop()
        outage.down()
