"""The council report at county size: pages, seconds, peak memory, SQL queries.

Builds a fresh database (9 fields, 40 goals, 300 measures with 4 milestones, 2 funding
lines and 3 progress reports each, 1,500 ideas), then renders the report the way the
worker does (snapshot -> HTML -> PDF in a process that ends afterwards) and, for
comparison, the same HTML with WeasyPrint alone in a fresh process.

Run: .venv/bin/python bench/report.py   (a throw-away SQLite file, or BENCH_DATABASE_URL)
     --without-council leaves out issue 13's decisions, scores and dependencies.
     --compact renders the compact council edition (no measure profiles) instead.
It prints figures, it asserts nothing: compare the ratios within one run.
"""

import datetime
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="agenda-bench-report-")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
)
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ["DJANGO_SETTINGS_MODULE"] = "agenda.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from agenda.report.render import layout_pdf, render_html  # noqa: E402
from agenda.report.snapshot import build_snapshot  # noqa: E402
from measures.models import FundingLine, Measure, Milestone, ProgressReport  # noqa: E402
from participation.models import Idea  # noqa: E402
from strategy.models import ActionField, Goal, GuidingPrinciple  # noqa: E402

FIELDS, GOALS, MEASURES, IDEAS = 9, 40, 300, 1500
LOREM = (
    "Die Verwaltung stellt ihre Leistungen schrittweise digital bereit. Dazu gehören "
    "Online-Anträge, medienbruchfreie Abläufe und die Beteiligung der Bürgerinnen und Bürger. "
)


def build():
    rng = random.Random(7)
    for n in range(6):
        GuidingPrinciple.objects.create(title=f"Leitlinie {n + 1}", text=LOREM * 2)
    fields = [
        ActionField.objects.create(
            code=f"{4 + n // 5}.{n % 5 + 1}",
            title=f"Handlungsfeld {n + 1}",
            slug=f"feld-{n + 1}",
            situation=LOREM * 4,
        )
        for n in range(FIELDS)
    ]
    goals = [
        Goal.objects.create(action_field=fields[n % FIELDS], title=f"Ziel {n + 1}", text=LOREM)
        for n in range(GOALS)
    ]
    statuses = [s for s, _label in Measure.Status.choices]
    measures = Measure.objects.bulk_create(
        Measure(
            reference=f"{fields[n % FIELDS].code}-{n // FIELDS + 1}",
            title=f"Maßnahme {n + 1}: digitale Leistung für die Gemeinden",
            summary="Kurzbeschreibung der Maßnahme.",
            description=LOREM * 3,
            action_field=fields[n % FIELDS],
            status=rng.choice(statuses),
            staff_days=Decimal(rng.randint(5, 200)),
            one_off_cost=Decimal(rng.randint(1, 200) * 1000),
            external_cost=Decimal(rng.randint(0, 50) * 1000),
            running_cost_per_year=Decimal(rng.randint(0, 20) * 500),
            planned_start=datetime.date(2025 + n % 3, 1 + n % 12, 1),
            planned_end=datetime.date(2027 + n % 3, 1 + n % 12, 28),
            is_published=n % 10 != 0,
        )
        for n in range(MEASURES)
    )
    through = Measure.goals.through
    through.objects.bulk_create(
        through(measure_id=m.pk, goal_id=goals[(i * 7) % GOALS].pk) for i, m in enumerate(measures)
    )
    Milestone.objects.bulk_create(
        Milestone(
            measure=m, title=f"Meilenstein {k + 1}", due_date=datetime.date(2026, 1 + 3 * k, 15)
        )
        for m in measures
        for k in range(4)
    )
    FundingLine.objects.bulk_create(
        line
        for m in measures
        for line in (
            FundingLine(measure=m, source="state", amount=Decimal(20000), status="approved"),
            FundingLine(measure=m, source="own", amount=Decimal(5000), status="planned"),
        )
    )
    ProgressReport.objects.bulk_create(
        ProgressReport(
            measure=m, date=datetime.date(2026, 1 + 4 * k, 1), percent=25 * (k + 1), text=LOREM
        )
        for m in measures
        for k in range(3)
    )
    kinds, channels = Idea.Kind.values, Idea.Channel.values
    Idea.objects.bulk_create(
        Idea(
            title=f"Idee {n + 1}",
            description=LOREM,
            kind=kinds[n % len(kinds)],
            channel=channels[n % len(channels)],
            state=Idea.State.PROMOTED if n % 50 == 0 else Idea.State.NEW,
            measure=measures[n % MEASURES] if n % 50 == 0 else None,
            action_field=fields[n % FIELDS],
            token=f"bench-{n:06d}-{'x' * 40}",
        )
        for n in range(IDEAS)
    )
    if "--without-council" not in sys.argv:
        council_and_planning(rng, measures)


def council_and_planning(rng, measures):
    """Issue 13's data: a decision on every fifth measure, scores on every measure, and a
    prerequisite for every third (always an earlier measure, so there is no cycle)."""
    from agenda.council.models import Decision
    from measures.dependencies.models import Dependency
    from measures.priorities.models import Criterion, Score

    results = [r for r in Decision.Result.values if r != "pending"]
    Decision.objects.bulk_create(
        Decision(
            measure=m,
            body="Kreistag",
            date=datetime.date(2026, 3, 12),
            paper_reference=f"DS/2026/{n:03d}",
            paper_title=f"Beschlussvorlage zu {m.reference}",
            result=rng.choice(results),
            resolution_text="Der Kreistag stimmt der Maßnahme zu. " * 3,
            link=f"https://ris.example.org/vorlage/{n}",
        )
        for n, m in enumerate(measures)
        if n % 5 == 0
    )
    manual = list(Criterion.objects.filter(source=Criterion.Source.MANUAL))
    Score.objects.bulk_create(
        Score(measure=m, criterion=c, value=rng.randint(0, 3), reason="Begründung der Bewertung")
        for m in measures
        for c in manual
    )
    Dependency.objects.bulk_create(
        Dependency(prerequisite=measures[rng.randrange(n)], dependant=measures[n])
        for n in range(3, len(measures), 3)
    )


WEASYPRINT_ALONE = """
import resource, sys, time
from weasyprint import HTML
html = open(sys.argv[1], encoding="utf-8").read()
start, cpu = time.perf_counter(), time.process_time()
document = HTML(string=html, base_url=sys.argv[2]).render()
pdf = document.write_pdf(pdf_variant="pdf/ua-1")
print(len(document.pages), time.perf_counter() - start,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, time.process_time() - cpu)
"""


def cpu_seconds(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def rss_mib():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


def main():
    print(f"database: {connection.vendor} ({os.environ['DATABASE_URL'].split('://')[0]})")
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    build()
    print(f"built {MEASURES} measures, {IDEAS} ideas in {time.perf_counter() - start:.1f} s")

    before = rss_mib()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        snapshot = build_snapshot()
    t_snapshot = time.perf_counter() - start
    start = time.perf_counter()
    html = render_html(
        snapshot,
        audience="public",
        include_unpublished=True,
        previous=snapshot,
        compact="--compact" in sys.argv,
    )
    t_html = time.perf_counter() - start
    start, cpu_children = time.perf_counter(), cpu_seconds(resource.RUSAGE_CHILDREN)
    # The worker's path (agenda/editions/services.py): layout_pdf -> a fresh process ->
    # pdf_worker.layout. Without on_page: the spawned child re-imports this script, whose
    # Django logging would print every page.
    rendered = layout_pdf(html, isolated=True)
    t_pdf = time.perf_counter() - start
    # The PDF process has ended (and been waited for): its CPU and peak memory.
    cpu_pdf = cpu_seconds(resource.RUSAGE_CHILDREN) - cpu_children
    children_after_pdf = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    after = rss_mib()
    total = t_snapshot + t_html + t_pdf

    page_file = Path(workdir) / "report.html"
    page_file.write_text(html, encoding="utf-8")
    start = time.perf_counter()
    alone = subprocess.run(  # noqa: S603 - our own interpreter on our own file
        [sys.executable, "-c", WEASYPRINT_ALONE, str(page_file), str(ROOT)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-4:]
    t_alone_wall = time.perf_counter() - start
    pages_alone, t_alone, mib_alone, cpu_alone = int(alone[0]), *map(float, alone[1:])

    print(f"SQL queries for the report data: {len(queries.captured_queries)}")
    print(f"pages:                    {rendered.pages}")
    print(f"seconds, data (snapshot): {t_snapshot:.2f}")
    print(f"seconds, HTML:            {t_html:.2f}")
    print(f"seconds, PDF (process):   {t_pdf:.2f} ({cpu_pdf:.2f} CPU s in child processes)")
    print(f"seconds, total:           {total:.2f}")
    print(f"peak MiB, PDF process:    {rendered.peak_mib:.0f} (its own ru_maxrss)")
    print(f"peak MiB, child processes: {children_after_pdf:.0f} (RUSAGE_CHILDREN after the PDF)")
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak MiB, this process:   {peak_self:.0f} (data, HTML, waiting)")
    print(f"MiB of this process before/after: {before:.0f} / {after:.0f} (memory given back)")
    print(f"PDF size:                 {len(rendered.pdf) / 1024 / 1024:.1f} MiB")
    print(f"HTML for bench/report_profile.py: {page_file}")
    print(
        f"WeasyPrint alone, same HTML: {pages_alone} pages, {t_alone:.2f} s layout "
        f"({t_alone_wall:.2f} s with start-up, {cpu_alone:.2f} CPU s), peak {mib_alone:.0f} MiB"
    )
    print(f"ratio total / WeasyPrint alone: {total / t_alone:.2f}")
    # On a shared machine CPU seconds compare better than wall seconds.
    print(f"ratio PDF CPU / WeasyPrint alone CPU: {cpu_pdf / cpu_alone:.2f}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak MiB of any child, WeasyPrint alone included (getrusage): {children:.0f}")


if __name__ == "__main__":
    main()
