"""Load the demo agenda (see measures.demo_data) into the database.

Running it again creates nothing and changes nothing: principles, fields, goals, actors,
programmes, measures and the actors of a measure are looked up by their natural keys and only
saved when a value differs. Milestones, funding lines and progress reports are only added
to a measure that this run created.

Effort, cost, funding and dates are not in the concept paper; they come from the fixed
patterns below (no randomness) and every demo measure is flagged `figures_are_examples`.
Dates of milestones, deadlines and reports count from today so that the dashboard has
upcoming and overdue items; the planned start and end of a measure are fixed dates.
"""

import datetime
from collections import Counter
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from measures import demo_data as data
from measures import demo_federation as federation
from measures import demo_steering as steering
from measures.dependencies.demo import load_demo_dependencies
from measures.models import (
    Actor,
    FundingDeadline,
    FundingLevel,
    FundingLine,
    FundingProgramme,
    Measure,
    MeasureActor,
    Milestone,
    ProgressReport,
)
from measures.priorities.demo import load_demo_scores
from strategy.demo_indicators import load_demo_indicators
from strategy.models import ActionField, Goal, GuidingPrinciple

CHANGE_REASON = "Demodaten geladen"
NOTE = data.PROGRAMME_NOTE
DAY = datetime.timedelta(days=1)

# Staff days, one-off cost, running cost per year, external services (EUR); cycled by index.
EFFORT = [
    ("15", "12000", "1800", "6000"),
    ("40", "45000", "6000", "18000"),
    ("8", "3500", "600", "0"),
    ("25", "20000", "2400", "9500"),
    ("60", "85000", "12000", "35000"),
    ("12", "7500", "900", "2500"),
    ("30", "28000", "3600", "14000"),
    ("5", "0", "0", "1500"),
]

REPORT_TEXTS = [
    "Arbeitsstand im Lenkungskreis vorgestellt; die nächsten Schritte sind abgestimmt.",
    "Erste Ergebnisse liegen vor; die Abstimmung mit den beteiligten Ämtern läuft.",
    "Der Zeitplan wird eingehalten; offene Punkte betreffen vor allem die Finanzierung.",
]
STALE_TEXT = "Verzögerung durch Personalengpässe; die Umsetzung läuft mit geringerem Tempo weiter."

LABELS = {
    "principles": "Leitlinien",
    "fields": "Handlungsfelder",
    "goals": "Ziele",
    "measures": "Maßnahmen",
    "actors": "Akteure",
    "programmes": "Förderprogramme",
    "measure_actors": "Beteiligungen",
    "milestones": "Meilensteine",
    "funding_lines": "Finanzierungszeilen",
    "progress_reports": "Fortschrittsberichte",
    "organisations": "Körperschaften",
    "organisation_shares": "Anteile beteiligter Ämter",
}


class Loader:
    def __init__(self, stdout=None, today=None):
        self.stdout = stdout
        self.today = today or timezone.localdate()
        self.created = Counter()
        self.updated = Counter()
        self.root = None  # the lead of the concept's (joint) measures

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def upsert(self, kind, model, lookup, values, create_only=None, label=None):
        """Create the row, or save the fields of `values` that differ. Returns (obj, created)."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values, **(create_only or {}))
            obj._change_reason = CHANGE_REASON
            obj.save()
            self.created[kind] += 1
            if label:
                self.say(f"  neu: {label(obj)}")
            return obj, True
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            if model is Measure:
                changed += ["version", "updated_at"]  # save() moves the version on
            obj._change_reason = CHANGE_REASON
            obj.save(update_fields=changed)
            self.updated[kind] += 1
            if label:
                self.say(f"  geändert: {label(obj)} ({', '.join(changed)})")
        return obj, False

    def days(self, n):
        return self.today + n * DAY

    # -- strategy -------------------------------------------------------------------------

    def load_strategy(self):
        self.principles = []
        for order, (title, text) in enumerate(data.PRINCIPLES, start=1):
            principle, _ = self.upsert(
                "principles",
                GuidingPrinciple,
                {"title": title},
                {"text": text, "order": order},
                label=lambda o: f"Leitlinie „{o.title}“",
            )
            self.principles.append(principle)
        self.fields, self.goals = {}, {}
        for order, (code, (title, perspective, goals)) in enumerate(data.FIELDS.items(), start=1):
            field, _ = self.upsert(
                "fields",
                ActionField,
                {"code": code},
                {
                    "title": title,
                    "slug": slugify(title),
                    "perspective": perspective,
                    "situation": data.SITUATIONS[code],
                    "order": order,
                },
                label=lambda o: f"Handlungsfeld {o}",
            )
            self.fields[code] = field
            self.goals[code] = [
                self.upsert(
                    "goals",
                    Goal,
                    {"action_field": field, "title": title},
                    {"order": position},
                    label=lambda o: f"Ziel „{o.title[:60]}“",
                )[0]
                for position, title in enumerate(goals, start=1)
            ]

    def load_catalogues(self):
        self.actors = {
            key: self.upsert(
                "actors", Actor, {"name": name}, {"kind": kind}, label=lambda o: f"Akteur {o}"
            )[0]
            for key, (name, kind) in data.ACTORS.items()
        }
        self.programmes = {}
        for key, (name, level, rate, deadline) in data.PROGRAMMES.items():
            deadline = None if deadline is None else self.days(deadline)
            self.programmes[key], created = self.upsert(
                "programmes",
                FundingProgramme,
                {"name": name},
                {"level": level, "funding_rate": Decimal(rate), "note": NOTE},
                label=lambda o: f"Förderprogramm {o}",
            )
            # A deadline counted from today would move on every run: set it once only.
            if created and deadline is not None:
                FundingDeadline.objects.create(
                    programme=self.programmes[key],
                    kind=FundingDeadline.Kind.APPLICATION,
                    date=deadline,
                    note=NOTE,
                )

    # -- measures -------------------------------------------------------------------------

    def load_measures(self):
        index = 0
        for code, demo_measures in data.MEASURES.items():
            for position, demo in enumerate(demo_measures, start=1):
                self.load_measure(index, code, f"{code}-{position}", demo, lead=self.root)
                index += 1
        return index

    def load_measure(self, i, code, reference, demo, lead=None, description=None):
        field = self.fields[code]
        staff_days, one_off, running, external = (Decimal(v) for v in EFFORT[i % len(EFFORT)])
        values = {
            "title": demo.title,
            "summary": demo.summary,
            "description": description or describe(field, demo),
            "lead_organisation_id": lead.pk if lead else None,
            "action_field_id": field.pk,
            "status": demo.status,
            "priority": demo.priority,
            "feasibility": demo.feasibility,
            "feasibility_text": demo.feasibility_text,
            "responsible_unit_id": self.actors[demo.lead].pk,
            "staff_days": staff_days,
            "one_off_cost": one_off,
            "running_cost_per_year": running,
            "external_cost": external,
            "is_published": i % 3 != 2,
            "figures_are_examples": True,
            "actual_cost": steering.actual_cost(demo.status, i, one_off + external),
            **planned_dates(demo.status, i),
            **steering.plan(reference),
        }
        measure, created = self.upsert(
            "measures",
            Measure,
            {"reference": reference},
            values,
            create_only=steering.override(reference, self.today),
            label=lambda o: f"Maßnahme {o}",
        )
        self.set_links(measure, "goals", [self.goals[code][n - 1] for n in demo.goals])
        self.set_links(measure, "principles", [self.principles[n - 1] for n in demo.principles])
        for key, contribution in demo.actors.items():
            self.upsert(
                "measure_actors",
                MeasureActor,
                {"measure": measure, "actor": self.actors[key]},
                {"contribution": contribution},
            )
        if created:
            self.add_milestones(measure, i)
            self.add_funding(measure, i, demo)
            self.add_reports(measure, i)

    def set_links(self, measure, name, objects):
        manager = getattr(measure, name)
        if set(manager.values_list("pk", flat=True)) != {o.pk for o in objects}:
            measure._change_reason = CHANGE_REASON
            manager.set(objects)

    def add_milestones(self, measure, i):
        status = measure.status
        if status == Measure.Status.COMPLETED:
            rows = [
                ("Umsetzungskonzept abgestimmt", measure.planned_start + 60 * DAY, True),
                ("Einführung in allen vier Ämtern abgeschlossen", measure.actual_end, True),
            ]
        elif status == Measure.Status.IN_PROGRESS:
            # Mostly upcoming within the dashboard's 60 days, every fourth one overdue.
            next_due = -12 if i % 4 == 3 else 7 + (9 * i) % 50
            rows = [
                ("Umsetzungskonzept abgestimmt", measure.actual_start + 90 * DAY, True),
                ("Pilotbetrieb in einem Amt gestartet", self.days(next_due), False),
            ]
            if i % 2:
                rows.append(("Einführung in allen Ämtern", self.days(150 + 10 * i % 50), False))
        elif status == Measure.Status.ON_HOLD:
            rows = [
                ("Bestandsaufnahme abgeschlossen", self.days(-400), True),
                ("Entscheidung über die Wiederaufnahme", self.days(45), False),
            ]
        elif status == Measure.Status.PLANNED:
            rows = [
                ("Projektskizze und Kostenschätzung vorlegen", self.days(12 + 13 * i % 100), False),
                ("Beschluss in den Amtsausschüssen", self.days(130 + 20 * (i % 4)), False),
            ]
        else:
            rows = [("Bedarf und Machbarkeit prüfen", self.days(40 + 17 * i % 160), False)]
        for title, due_date, done in rows:
            Milestone.objects.create(measure=measure, title=title, due_date=due_date, done=done)
            self.created["milestones"] += 1

    def add_funding(self, measure, i, demo):
        """0–2 lines: a grant (from the measure's programme, if any) and the own share."""
        total = measure.one_off_cost + measure.external_cost
        status = measure.status
        if not total:
            return
        programme = self.programmes.get(demo.programme)
        if programme is not None:
            source, rate = programme.level, programme.funding_rate
        elif status != Measure.Status.IDEA and i % 3 == 1:
            source, rate = FundingLevel.STATE, Decimal("30")  # allocation without a programme
        else:
            source, rate = None, Decimal("0")
        grant_status, own_status = {
            Measure.Status.COMPLETED: ("approved", "approved"),
            Measure.Status.IN_PROGRESS: ("approved" if i % 2 else "applied", "approved"),
            Measure.Status.ON_HOLD: ("rejected", "planned"),
            Measure.Status.PLANNED: ("planned", "planned"),
            Measure.Status.IDEA: ("planned", None),
        }[status]
        grant = (total * rate / 100).quantize(Decimal("0.01"))
        if source is not None:
            if grant_status != "planned":
                deadline = self.days(-(60 + 5 * i))
            elif status == Measure.Status.PLANNED:
                deadline = self.days(14 + 11 * i % 90)
            else:  # an idea: no application yet
                deadline = None
            FundingLine.objects.create(
                measure=measure,
                source=source,
                programme=programme,
                amount=grant,
                status=grant_status,
                application_deadline=deadline,
                note=NOTE,
            )
            self.created["funding_lines"] += 1
        if own_status is not None and total > grant:
            FundingLine.objects.create(
                measure=measure,
                source=FundingLevel.OWN,
                amount=total - grant,
                status=own_status,
                note=NOTE,
            )
            self.created["funding_lines"] += 1

    def add_reports(self, measure, i):
        status = measure.status
        if status == Measure.Status.COMPLETED:
            rows = [
                (measure.actual_end - 180 * DAY, 50, REPORT_TEXTS[i % len(REPORT_TEXTS)]),
                (
                    measure.actual_end,
                    100,
                    "Abgeschlossen; die Lösung ist in allen vier Ämtern im Einsatz.",
                ),
            ]
        elif status == Measure.Status.IN_PROGRESS:
            stale = i % 3 == 0  # no report for more than 90 days: shows up as "stale"
            latest = self.days(-(100 + 4 * i) if stale else -(8 + 2 * i % 60))
            percent = 25 + (11 * i) % 60
            rows = [(latest, percent, STALE_TEXT if stale else REPORT_TEXTS[i % len(REPORT_TEXTS)])]
            if i % 2 == 0:
                rows.insert(0, (latest - 120 * DAY, max(5, percent - 15), REPORT_TEXTS[0]))
        elif status == Measure.Status.ON_HOLD:
            rows = [
                (
                    self.days(-200),
                    10,
                    "Zurückgestellt, bis die Netzbetreiber ihre Ausbauplanung vorlegen.",
                )
            ]
        else:
            rows = []
        rows = [
            (date, percent, text, *steering.words(i, percent, text == STALE_TEXT))
            for date, percent, text in rows
        ]
        for date, percent, text, problems, next_steps in (
            steering.special_reports(measure.reference, self.today) or rows
        ):
            ProgressReport.objects.create(
                measure=measure,
                date=date,
                percent=percent,
                text=text,
                problems=problems,
                next_steps=next_steps,
            )
            self.created["progress_reports"] += 1
        self.created["progress_reports"] += steering.add_draft(measure, self.today)


def describe(field, demo):
    parts = [f"Mögliche Maßnahme aus dem {data.SOURCE}, Abschnitt {field}."]
    if demo.group:
        parts.append(f"Teilbereich: {demo.group}.")
    if demo.part_of:
        parts.append(f"Teilschritt von „{demo.part_of}“.")
    return " ".join(parts)


def planned_dates(status, i):
    """Fixed dates between 2022 and 2027 by status; the end is never before the start."""
    month = 1 + (5 * i) % 12
    actual_start = actual_end = None
    if status == Measure.Status.COMPLETED:
        start = datetime.date(2022, month, 1)
        end = start + (300 + 60 * (i % 3)) * DAY
        actual_start, actual_end = start, end + 14 * (i % 3) * DAY
    elif status == Measure.Status.IN_PROGRESS:
        start = datetime.date(2022 + i % 3, month, 1)
        end = datetime.date(2026 + (i % 4 != 0), 1 + (7 * i) % 12, 28)
        actual_start = start + 14 * (i % 3) * DAY
    elif status == Measure.Status.ON_HOLD:
        start, end = datetime.date(2023, month, 1), datetime.date(2027, 6, 30)
        actual_start = start
    elif status == Measure.Status.PLANNED:
        start, end = datetime.date(2027, 1 + i % 6, 1), datetime.date(2027, 7 + i % 6, 28)
    else:
        start, end = datetime.date(2027, 4 + i % 3, 1), datetime.date(2027, 12, 31)
    return {
        "planned_start": start,
        "planned_end": end,
        "actual_start": actual_start,
        "actual_end": actual_end,
    }


def load_demo(*, stdout=None, today=None) -> dict:
    """Load the demo agenda; returns what it holds and what this run created and changed.

    `stdout` (optional) receives one line per principle, field, goal, actor, programme or
    measure that was created or changed. `today` defaults to the local date.
    """
    loader = Loader(stdout=stdout, today=today)
    with transaction.atomic():
        loader.load_strategy()
        loader.load_catalogues()
        loader.root, members = federation.load_organisations(loader)
        count = loader.load_measures()
        federation.load_shares(loader, members)
        federation.load_own_measures(loader, members, first_index=count)
        load_demo_indicators()
        load_demo_dependencies()
        load_demo_scores()
    return {
        "principles": len(data.PRINCIPLES),
        "fields": len(data.FIELDS),
        "goals": sum(len(goals) for _title, _perspective, goals in data.FIELDS.values()),
        "measures": sum(len(measures) for measures in data.MEASURES.values()),
        "own_measures": federation.own_measure_count(),
        "organisations": 1 + len(federation.MEMBERS),
        "actors": len(data.ACTORS),
        "programmes": len(data.PROGRAMMES),
        "created": dict(loader.created),
        "updated": dict(loader.updated),
    }


def _counts(counter):
    return ", ".join(f"{n} {LABELS[kind]}" for kind, n in counter.items() if n)


class Command(BaseCommand):
    help = (
        "Lädt die Demo-Agenda aus dem Digitalisierungskonzept der Ämter Itzehoe-Land, "
        "Krempermarsch, Schenefeld und Wilstermarsch: Leitlinien, Handlungsfelder, Ziele, "
        "Maßnahmen, Akteure und Förderprogramme. Aufwand, Kosten, Förderung und Termine sind "
        "Beispielwerte. Mehrfaches Ausführen legt nichts doppelt an; geänderte Demo-Einträge "
        "werden auf die Demo-Werte zurückgesetzt."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        result = load_demo(stdout=self.stdout if verbosity >= 2 else None)
        if verbosity < 1:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{result['principles']} Leitlinien, {result['fields']} Handlungsfelder, "
                f"{result['goals']} Ziele, {result['measures']} gemeinsame und "
                f"{result['own_measures']} eigene Maßnahmen der Ämter geladen"
            )
        )
        if result["created"]:
            self.stdout.write(f"Neu angelegt: {_counts(result['created'])}")
        if result["updated"]:
            self.stdout.write(f"Aktualisiert: {_counts(result['updated'])}")
        if not result["created"] and not result["updated"]:
            self.stdout.write("Keine Änderungen: die Demodaten waren bereits vollständig geladen.")
