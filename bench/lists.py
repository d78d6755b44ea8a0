"""List pages and the dashboard at 1,000 measures: queries and median render time, next to the
code before the traffic lights (commit 785bc53, "today's code") measured in the same run.

Run: .venv/bin/python bench/lists.py [--base COMMIT]
The base commit is checked out with `git worktree add` into a temporary folder; each code base
runs in its own subprocess with its own throw-away SQLite database (or BENCH_DATABASE_URL and
BENCH_BASE_DATABASE_URL). The same data is built in both: 9 fields, 40 goals, 1,000 measures,
every fifth with all its parts, progress reports on most, 100 ideas; indicators, overrides and
draft reports only where the code has them. Staff lists are timed as the staff page cache
serves them where the code has one, and once more rendered every time ("staff list,
rendered": a new query string in each round). Prints figures; compare the ratios within one run, the
machine is shared and noisy.
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
BASE = "785bc53"
MEASURES = 1000
IDEAS = 100
ROUNDS = 15
PAGES = {
    "staff measure list": "/intern/massnahmen/",
    "public measure list": "/agenda/massnahmen/",
    "dashboard": "/intern/",
    # Staff lists come from the staff page cache where the code has one (agenda/pagecache/).
    "staff goal list": "/intern/ziele/",
    "staff ideas inbox": "/intern/ideen/",
    # A query string no filter knows, new in every round: always rendered, never cached.
    "staff list, rendered": "/intern/massnahmen/?round={n}",
}
# Anonymous, as the public sees them (from the page cache where the code has one).
ANONYMOUS = {
    "public list, anonymous": "/agenda/massnahmen/",
    "start page, anonymous": "/",
}
BARE = "/_bench/bare/"  # the empty Django view, the floor every page is compared with


def setup(root, database_url):
    """Django from the code base at `root`, on its own database."""
    # The project is installed editable: its import finder would fill modules the base commit
    # lacks (e.g. measures.templatetags) from the working tree. Only `root` may answer.
    sys.meta_path = [f for f in sys.meta_path if "editable" not in getattr(f, "__module__", "")]
    sys.path.insert(0, str(root))
    os.chdir(root)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    # Production settings, but static files without a collected manifest.
    os.environ.setdefault("DJANGO_STATIC_MANIFEST", "0")
    os.environ["DJANGO_SETTINGS_MODULE"] = "agenda.settings"
    os.environ["AGENDA_BENCH_BARE_VIEW"] = "1"
    import django

    django.setup()
    import agenda

    # The editable install must not lend the other code base's modules.
    assert Path(agenda.__file__).resolve().is_relative_to(root), agenda.__file__


def build(count):
    """The same agenda in both code bases; the steering parts where the models have them."""
    from django.db import transaction

    from measures.models import Measure, ProgressReport
    from tests import factories as f

    steering = hasattr(Measure, "light_override")
    with transaction.atomic():
        fields = [f.ActionFieldFactory() for _ in range(9)]
        goals = [f.GoalFactory(action_field=fields[n % 9]) for n in range(40)]
        for n in range(count):
            field = fields[n % 9]
            start = datetime.date(2024 + n % 3, 1 + n % 12, 1)
            plan = {
                "action_field": field,
                "status": ["planned", "in_progress", "in_progress", "completed", "idea"][n % 5],
                "planned_start": start,
                "planned_end": start + datetime.timedelta(days=300 + 20 * (n % 40)),
            }
            if n % 5 == 0:
                measure = f.measure_with_parts(**plan)
            else:
                measure = f.MeasureFactory(**plan)
                measure.goals.set([goals[n % 40]])
                if n % 5 != 4:
                    f.ProgressReportFactory(measure=measure, percent=(13 * n) % 100)
            if steering and n % 10 == 1:
                Measure.objects.filter(pk=measure.pk).update(
                    light_override="at_risk",
                    override_reason="Lieferverzug",
                    override_until=datetime.date(2099, 1, 1),
                )
                ProgressReport.objects.create(
                    measure=measure, date=start, percent=90, text="Entwurf", released_at=None
                )
        if hasattr(f, "IdeaFactory"):  # the ideas inbox's rows
            for n in range(IDEAS):
                f.IdeaFactory(action_field=fields[n % 9])
        if hasattr(f, "IndicatorFactory"):
            for goal in goals:
                for _ in range(2):
                    indicator = f.IndicatorFactory(goal=goal)
                    for year in range(2025, 2029):
                        f.IndicatorValueFactory(indicator=indicator, date=datetime.date(year, 1, 1))


def measure_pages():
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UserFactory

    user = UserFactory(username="bench")
    user.groups.add(Group.objects.get(name="Redaktion"))
    client = Client()
    client.force_login(user)
    rows = {}
    plan = [(client, PAGES), (Client(), ANONYMOUS), (Client(), {"bare view": BARE})]
    for visitor, pages in plan:
        for name, url in pages.items():
            times = []
            for n in range(ROUNDS):
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    response = visitor.get(url.format(n=n))
                    times.append((time.perf_counter() - start) * 1000)
                if response.status_code == 404 and url == BARE:  # code without the bare view
                    break
                assert response.status_code == 200, (url, response.status_code)
            else:
                rows[name] = {"queries": len(ctx.captured_queries), "ms": statistics.median(times)}
    return {"vendor": connection.vendor, "pages": rows}


def child(root, database_url):
    setup(root, database_url)
    from django.core.management import call_command

    # No setup_test_environment(): its instrumented template rendering would be timed too.
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build(MEASURES)
    built = time.perf_counter() - started
    print(json.dumps({**measure_pages(), "build_s": built}))


def run_child(root, database_url):
    result = subprocess.run(  # noqa: S603 - our own script and interpreter
        [sys.executable, __file__, "--child", str(root), database_url],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"bench in {root} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=BASE, help="the commit to compare with")
    parser.add_argument("--child", nargs=2, metavar=("ROOT", "DATABASE_URL"), help="internal")
    args = parser.parse_args()
    if args.child:
        return child(Path(args.child[0]).resolve(), args.child[1])
    workdir = Path(tempfile.mkdtemp(prefix="agenda-bench-lists-"))
    base_root = workdir / "base"
    git = ["git", "-C", str(HERE)]
    add = [*git, "worktree", "add", "--detach", "-q", str(base_root), args.base]
    subprocess.run(add, check=True)  # noqa: S603 - git on our own repository
    try:
        now = run_child(
            HERE, os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir}/now.sqlite3")
        )
        base = run_child(
            base_root,
            os.environ.get("BENCH_BASE_DATABASE_URL", f"sqlite:///{workdir}/base.sqlite3"),
        )
    finally:
        subprocess.run([*git, "worktree", "remove", "--force", str(base_root)], check=False)  # noqa: S603
    print(
        f"{MEASURES} measures, database {now['vendor']}, {ROUNDS} rounds per page, median; "
        f"base = {args.base}" + (" (before the traffic lights)" if args.base == BASE else "")
    )
    head = f"{'page':22} {'q base':>7} {'q now':>6} {'ms base':>8} {'ms now':>8} {'now/base':>9}"
    print(f"{head} {'bare/base':>9} {'bare/now':>9}")
    bare = now["pages"]["bare view"]["ms"]  # the base's own code may lack the view: same floor
    for name in [*PAGES, *ANONYMOUS]:
        old, new = base["pages"][name], now["pages"][name]
        print(
            f"{name:22} {old['queries']:7} {new['queries']:6} {old['ms']:8.1f} {new['ms']:8.1f} "
            f"{new['ms'] / old['ms']:9.2f} {bare / old['ms']:9.3f} {bare / new['ms']:9.3f}"
        )
    print(f"bare view: {bare:.2f} ms; bare/x is the share of the bare view's speed a page reaches")


if __name__ == "__main__":
    main()
