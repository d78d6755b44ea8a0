"""A federation at scale: 1 root and 50 members, 3,000 measures; pages, queries, a member's report.

Builds the federation with bulk_create on the demo's principles, fields and goals: measures
led by the members (some by the root), about a third of them joint with 2-4 participants and
their shares, progress reports (some drafts), milestones, funding lines and ideas addressed to
the members. Then it measures, as the public and as the Redaktion of one member: the members
comparison, that member's page, the public measure list narrowed to it, the staff measure
list and the dashboard (median over --rounds runs, SQL queries), next to a bare Django view
in the same process. The same is built at a small size (1 root + 5 members, 300 measures):
a query count that grows with the federation is printed as FAIL (exit status 1).
Last, it renders one member's report (snapshot -> HTML -> PDF in its own process, as the
worker does); while render_html does not yet take `organisation`, it renders the whole
report of the small federation instead and says so.

Run: .venv/bin/python bench/federation.py [--rounds 7] [--no-report]
     SQLite files under /tmp by default. With DATABASE_URL=postgres://…/NAME it creates the
     databases NAME_small and NAME_large on that server and drops them at the end.
It prints figures; the machine is shared and noisy, so compare ratios within one run.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"small": (5, 300), "large": (50, 3000)}  # members, measures
IDEAS_PER_MEASURE = 0.5
LOREM = (
    "Die Verwaltung stellt ihre Leistungen schrittweise digital bereit: Online-Anträge, "
    "medienbruchfreie Abläufe und die Beteiligung der Bürgerinnen und Bürger. "
)
KINDS = ["amt", "stadt", "gemeinde"]
MEMBER = "mitglied-1"  # the member whose pages, staff and report are measured
BARE = "/_bench/bare/"


# -- child: one size in its own process and database -----------------------------------------


def setup(database_url):
    from lists import setup as setup_django  # bench/lists.py: this tree only, its own database

    os.environ["AGENDA_BENCH_BARE_VIEW"] = "1"  # the floor the pages are compared with
    setup_django(ROOT, database_url)


def build(member_count, measure_count):
    """The federation, in one transaction; returns the Redaktion user of MEMBER."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from agenda.models import SiteProfile
    from measures.management.commands.load_demo import Loader
    from measures.models import FundingLine, Measure, Milestone, ProgressReport, StaffProfile
    from measures.organisations import MeasureOrganisation
    from participation.models import Idea
    from strategy.models import Organisation
    from strategy.staff import roles

    rng = random.Random(11)
    today = timezone.localdate()
    with transaction.atomic():
        loader = Loader(today=today)
        loader.load_strategy()
        loader.load_catalogues()
        fields = list(loader.fields.values())
        goals = [goal for code in loader.fields for goal in loader.goals[code]]
        grants = list(loader.programmes.values())
        root = Organisation.objects.create(
            name="Kreis Beispielland", kind="kreis", short_name="Beispielland", slug="kreis"
        )
        SiteProfile.objects.create(name=root.name, root=root)
        members = Organisation.objects.bulk_create(
            Organisation(
                name=f"{KINDS[n % 3].capitalize()} Mitglied {n + 1}",
                short_name=f"Mitglied {n + 1}",
                kind=KINDS[n % 3],
                slug=f"mitglied-{n + 1}",
                parent=root,
                order=n + 1,
            )
            for n in range(member_count)
        )
        statuses = ["planned", "in_progress", "in_progress", "completed", "idea", "on_hold"]
        measures = []
        for n in range(measure_count):
            start = datetime.date(2024 + n % 3, 1 + n % 12, 1)
            measures.append(
                Measure(
                    reference=f"F{n + 1:05d}",
                    title=f"Maßnahme {n + 1}: digitale Leistung im Verbund",
                    summary="Kurzbeschreibung der Maßnahme.",
                    description=LOREM * 2,
                    action_field=fields[n % len(fields)],
                    # Every tenth measure is the root's own, the rest spread over the members.
                    lead_organisation=root if n % 10 == 9 else members[n % member_count],
                    status=statuses[n % len(statuses)],
                    staff_days=Decimal(rng.randint(5, 200)),
                    one_off_cost=Decimal(rng.randint(1, 200) * 1000),
                    external_cost=Decimal(rng.randint(0, 50) * 1000),
                    running_cost_per_year=Decimal(rng.randint(0, 20) * 500),
                    planned_start=start,
                    planned_end=start + datetime.timedelta(days=300 + 20 * (n % 40)),
                    is_published=n % 12 != 0,
                    light_override="at_risk" if n % 25 == 1 else "",
                    override_reason="Lieferverzug" if n % 25 == 1 else "",
                    override_until=datetime.date(2099, 1, 1) if n % 25 == 1 else None,
                )
            )
        measures = Measure.objects.bulk_create(measures)
        through = Measure.goals.through
        through.objects.bulk_create(
            through(measure_id=m.pk, goal_id=goals[(i * 7) % len(goals)].pk)
            for i, m in enumerate(measures)
        )
        shares = []
        for i, m in enumerate(measures):
            if i % 3:
                continue
            others = [o for o in [root, *members] if o.pk != m.lead_organisation_id]
            for partner in rng.sample(others, min(len(others), rng.randint(2, 4))):
                shares.append(
                    MeasureOrganisation(
                        measure=m,
                        organisation=partner,
                        share_one_off_cost=(m.one_off_cost / 8).quantize(Decimal("1.00")),
                        share_external_cost=(m.external_cost / 8).quantize(Decimal("1.00")),
                        share_staff_days=(m.staff_days / 8).quantize(Decimal("0.1")),
                    )
                )
        MeasureOrganisation.objects.bulk_create(shares)
        ProgressReport.objects.bulk_create(
            ProgressReport(
                measure=m,
                date=today - datetime.timedelta(days=30 * (k + 1) + i % 200),
                percent=min(100, 20 * (k + 1) + i % 30),
                text=LOREM,
                problems="Personalengpass." if i % 7 == 0 else "",
                # The newest report of every eleventh measure is a draft still to release.
                released_at=None if (i % 11 == 0 and k == 0) else timezone.now(),
            )
            for i, m in enumerate(measures)
            if i % 5 != 4
            for k in range(2)
        )
        Milestone.objects.bulk_create(
            Milestone(
                measure=m,
                title=f"Meilenstein {k + 1}",
                due_date=today + datetime.timedelta(days=-60 + 45 * k + i % 30),
                done=k == 0 and i % 2 == 0,
            )
            for i, m in enumerate(measures)
            for k in range(3)
        )
        FundingLine.objects.bulk_create(
            line
            for i, m in enumerate(measures)
            for line in (
                FundingLine(
                    measure=m,
                    source=grants[i % len(grants)].level,
                    programme=grants[i % len(grants)],
                    amount=Decimal(rng.randint(1, 40) * 1000),
                    status=["approved", "applied", "planned"][i % 3],
                    application_deadline=today + datetime.timedelta(days=i % 60)
                    if i % 3 == 2
                    else None,
                ),
                FundingLine(measure=m, source="own", amount=Decimal(5000), status="planned"),
            )
        )
        kinds, channels = Idea.Kind.values, Idea.Channel.values
        Idea.objects.bulk_create(
            Idea(
                title=f"Idee {n + 1}",
                description=LOREM,
                kind=kinds[n % len(kinds)],
                channel=channels[n % len(channels)],
                state=["new", "in_review", "accepted", "rejected"][n % 4],
                public_answer="Danke, wir prüfen das." if n % 4 >= 2 else "",
                answered_at=timezone.now() if n % 4 >= 2 else None,
                action_field=fields[n % len(fields)],
                # Every fifth idea is addressed to the whole federation, the rest to a member.
                organisation=None if n % 5 == 0 else members[n % member_count],
                token=f"bench-{n:06d}-{'x' * 40}",
            )
            for n in range(int(measure_count * IDEAS_PER_MEASURE))
        )
        editor = get_user_model().objects.create_user("redaktion-mitglied")
        editor.groups.add(Group.objects.get(name=roles.EDITORS))
        StaffProfile.objects.create(
            user=editor, organisation=next(o for o in members if o.slug == MEMBER)
        )
    return editor


def timed(client, url, rounds):
    """Median milliseconds over `rounds` GETs and the query count of the last one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # templates compiled, translations loaded: as in a running server
    times = []
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {"ms": statistics.median(times), "queries": len(ctx.captured_queries)}


def pages():
    return {
        "members comparison": ("public", "/agenda/koerperschaften/"),
        "member page": ("public", f"/agenda/koerperschaften/{MEMBER}/"),
        "member's public list": ("public", f"/agenda/massnahmen/?organisation={MEMBER}"),
        "staff measure list": ("staff", "/intern/massnahmen/"),
        "dashboard": ("staff", "/intern/"),
    }


def measure_report(size):
    """One member's report; the whole report of the small federation while that is missing."""
    import inspect

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from agenda.report.render import layout_pdf, render_html
    from agenda.report.snapshot import build_snapshot

    by_member = "organisation" in inspect.signature(build_snapshot).parameters
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        snapshot = build_snapshot(organisation=MEMBER) if by_member else build_snapshot()
    t_snapshot = time.perf_counter() - start
    start = time.perf_counter()
    try:
        html = render_html(snapshot, audience="public", organisation=MEMBER)
        scope = f"member {MEMBER}"
    except TypeError:
        if size != "small":
            return {"scope": None, "note": "render_html takes no organisation yet"}
        start = time.perf_counter()
        html = render_html(snapshot, audience="public")
        scope = "whole report (render_html takes no organisation yet)"
    t_html = time.perf_counter() - start
    start = time.perf_counter()
    rendered = layout_pdf(html, isolated=True)
    t_pdf = time.perf_counter() - start
    return {
        "scope": scope,
        "queries": len(queries.captured_queries),
        "snapshot_s": t_snapshot,
        "html_s": t_html,
        "pdf_s": t_pdf,
        "pages": rendered.pages,
        "peak_mib": rendered.peak_mib,
    }


def child(size, database_url, rounds, report):
    setup(database_url)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    # No setup_test_environment(): its instrumented template rendering would be timed too.
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    editor = build(*SIZES[size])
    built = time.perf_counter() - started
    public, staff = Client(), Client()
    staff.force_login(editor)
    clients = {"public": public, "staff": staff}
    rows = {name: timed(clients[who], url, rounds) for name, (who, url) in pages().items()}
    bare = timed(public, BARE, rounds * 5)["ms"]
    report = measure_report(size) if report else {"scope": None, "note": "--no-report"}
    result = {"vendor": connection.vendor, "build_s": built, "pages": rows, "bare_ms": bare}
    print(json.dumps({**result, "report": report}))


# -- parent: databases, one child per size, the table ------------------------------------------


def databases(url, workdir):
    """{size: database URL}; on PostgreSQL fresh databases NAME_<size>, made here."""
    if not url.startswith("postgres"):
        return {size: f"sqlite:///{workdir}/{size}.sqlite3" for size in SIZES}, None
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "da_bench"
    names = {size: f"{name}_{size}" for size in SIZES}
    admin = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        for db in names.values():
            cursor.execute(f'DROP DATABASE IF EXISTS "{db}"')
            cursor.execute(f'CREATE DATABASE "{db}"')
    urls = {size: urlunsplit(parts._replace(path=f"/{db}")) for size, db in names.items()}
    return urls, (admin, list(names.values()))


def drop(made):
    if made is None:
        return
    admin, names = made
    with admin.cursor() as cursor:
        for db in names:
            cursor.execute(f'DROP DATABASE IF EXISTS "{db}"')
    admin.close()


def run_child(size, database_url, args):
    command = [sys.executable, __file__, "--child", size, database_url]
    command += ["--rounds", str(args.rounds)]
    result = subprocess.run(  # noqa: S603 - our own script and interpreter
        command + (["--no-report"] if args.no_report else []),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"bench ({size}) failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def print_report(size, report):
    if report["scope"] is None:
        print(f"report ({size}): not rendered, {report['note']}")
        return
    total = report["snapshot_s"] + report["html_s"] + report["pdf_s"]
    print(
        f"report ({size}, {report['scope']}): {report['pages']} pages, {total:.1f} s "
        f"(data {report['snapshot_s']:.2f} s in {report['queries']} queries, "
        f"HTML {report['html_s']:.2f} s, PDF {report['pdf_s']:.1f} s, "
        f"peak {report['peak_mib']:.0f} MiB)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="GETs per page (median)")
    parser.add_argument("--no-report", action="store_true", help="skip the report (minutes)")
    parser.add_argument("--child", nargs=2, metavar=("SIZE", "DATABASE_URL"), help="internal")
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], args.child[1], args.rounds, not args.no_report)
    workdir = Path(tempfile.mkdtemp(prefix="agenda-bench-federation-"))
    urls, made = databases(os.environ.get("DATABASE_URL", ""), workdir)
    try:
        results = {size: run_child(size, url, args) for size, url in urls.items()}
    finally:
        drop(made)
    small, large = results["small"], results["large"]
    print(
        f"database {large['vendor']}, median of {args.rounds} GETs per page; "
        f"small = 1 root + {SIZES['small'][0]} members, {SIZES['small'][1]} measures "
        f"(built in {small['build_s']:.1f} s); large = 1 root + {SIZES['large'][0]} members, "
        f"{SIZES['large'][1]} measures (built in {large['build_s']:.1f} s)"
    )
    print(
        f"{'page':22} {'q small':>7} {'q large':>7} {'ms small':>9} {'ms large':>9} "
        f"{'large/bare':>10}  queries"
    )
    failed = False
    for name in pages():
        old, new = small["pages"][name], large["pages"][name]
        grows = new["queries"] > old["queries"]
        failed |= grows
        print(
            f"{name:22} {old['queries']:7} {new['queries']:7} {old['ms']:9.1f} {new['ms']:9.1f} "
            f"{new['ms'] / large['bare_ms']:10.0f}  {'FAIL: grows' if grows else 'ok'}"
        )
    print(f"{'bare Django view':22} {'':7} {'':7} {small['bare_ms']:9.2f} {large['bare_ms']:9.2f}")
    for size in SIZES:
        print_report(size, results[size]["report"])
    if failed:
        sys.exit("FAIL: a query count grows with the number of members and measures")


if __name__ == "__main__":
    main()
