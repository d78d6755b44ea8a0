"""django-tasks-db's worker that outlives database outages: it waits and reconnects."""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("agenda.worker")

DATABASE_ERRORS = (OperationalError, InterfaceError)


def wait_for_database(*, max_delay, keep_waiting=lambda: True):
    """Return once the tasks database answers, trying after 1, 2, 4 … max_delay seconds."""
    delay, failed = 1, False
    while keep_waiting():
        try:
            connections[DBTaskResult.objects.db].ensure_connection()
        except DATABASE_ERRORS as error:
            # Only the kind of error: its text may name hosts, users or data.
            logger.warning(
                "Database unreachable (%s); retrying in %g s", type(error).__name__, delay
            )
            failed = True
        else:
            if failed:
                logger.warning("Database reachable again; the worker carries on")
            return
        connections.close_all()
        time.sleep(delay)
        delay = min(delay * 2, max_delay)


class RetryingWorker(db_worker.Worker):
    """On a lost database: close the connections, wait with back-off, carry on."""

    def __init__(self, *, max_delay, **kwargs):
        super().__init__(**kwargs)
        self.max_delay = max_delay

    def run(self):
        while self.running:
            try:
                return super().run()
            except DATABASE_ERRORS as error:
                logger.warning("Lost the database (%s)", type(error).__name__)
            connections.close_all()
            wait_for_database(max_delay=self.max_delay, keep_waiting=lambda: self.running)


class Command(db_worker.Command):
    help = (
        "Run the background worker (reports). Unlike db_worker it survives a database "
        "outage: it retries with exponential back-off and carries on."
    )
    # The checks query SQLite (JSON support): they run once the database answers.
    requires_system_checks = []

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--max-retry-delay",
            type=float,
            default=60,
            help="Longest wait between attempts to reach the database (default: %(default)s s)",
        )

    def handle(self, *args, max_retry_delay, **options):
        wait_for_database(max_delay=max_retry_delay)
        if not options.get("skip_checks"):
            self.check()
        # db_worker builds its Worker inside handle() from the module's name: let it build
        # ours, so its option handling, signals and reloader stay the library's own.
        original = db_worker.Worker
        db_worker.Worker = lambda **kwargs: RetryingWorker(max_delay=max_retry_delay, **kwargs)
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
