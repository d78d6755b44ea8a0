"""Staff list pages at county size: queries and render time per page, 5 vs. 300 measures.

Run: .venv/bin/python bench/lists.py   (uses a throw-away SQLite file, or DATABASE_URL)
Prints figures; compare the ratios within one run, the machine is shared and noisy.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
workdir = tempfile.mkdtemp(prefix="agenda-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ["DJANGO_SETTINGS_MODULE"] = "agenda.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from measures.models import Measure  # noqa: E402
from tests.factories import ActionFieldFactory, MeasureFactory, UserFactory, measure_with_parts  # noqa: E402

PAGES = ["/intern/massnahmen/?o=-cost", "/intern/", "/intern/handlungsfelder/", "/intern/ziele/"]
ROUNDS = 15


def grow_to(count):
    fields = [ActionFieldFactory() for _ in range(9)]
    while Measure.objects.count() < count:
        field = fields[Measure.objects.count() % 9]
        measure_with_parts(action_field=field)
        MeasureFactory.create_batch(4, action_field=field)


def measure(client):
    rows = {}
    for url in PAGES:
        times = []
        for _ in range(ROUNDS):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, url
        rows[url] = (len(ctx.captured_queries), statistics.median(times))
    return rows


def main():
    setup_test_environment()
    call_command("migrate", verbosity=0)
    user = UserFactory(username="bench")
    user.groups.add(Group.objects.get(name="Redaktion"))
    client = Client()
    client.force_login(user)
    results = {}
    for count in (5, 300):
        grow_to(count)
        results[count] = measure(client)
    print(f"database: {connection.vendor}, {ROUNDS} rounds per page, median")
    print(f"{'page':34} {'q@5':>5} {'q@300':>6} {'ms@5':>8} {'ms@300':>8} {'ratio':>6}")
    for url in PAGES:
        (q5, t5), (q300, t300) = results[5][url], results[300][url]
        print(f"{url:34} {q5:5} {q300:6} {t5:8.1f} {t300:8.1f} {t300 / t5:6.2f}")


if __name__ == "__main__":
    main()
