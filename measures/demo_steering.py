"""Steering in the demo agenda: progress reports that say what is late and why, one light set
by hand, a report waiting for release and the cost so far. With the fixed plan dates of
load_demo this shows every traffic light as of 2026-12-01. Every text here is marked as an
example ("Beispiel"), like the demo's figures.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from measures.models import ProgressReport

DAY = datetime.timedelta(days=1)
EXAMPLE = "Beispiel: "

# Plan values that differ from load_demo's fixed patterns, by reference.
PLAN = {
    # The example: 40 % eight months after the target date, so "Verzögert".
    "4.1-1": {
        "planned_start": datetime.date(2024, 4, 1),
        "planned_end": datetime.date(2026, 4, 1),
        "actual_start": datetime.date(2024, 4, 15),
    },
}

# Computed "Verzögert"; staff set "Gefährdet" by hand for seven months, with a reason. Set
# when the measure is created only: an expiry counted from today would move on every run.
OVERRIDE = (
    "4.1-4",
    "at_risk",
    EXAMPLE + "Der Dienstleister hat die fehlenden Schnittstellen verbindlich zugesagt; der "
    "Rückstand wird bis zum Ablauf dieser Einschätzung aufgeholt.",
    210,
)

# Reports that replace the pattern of load_demo: (days before today, percent, text, problems,
# next steps). Dates count from today, as the other demo reports do.
REPORTS = {
    "4.1-1": [
        (-400, 25, "Ausschreibung abgeschlossen; der Auftrag ist vergeben.", "", ""),
        (
            -30,
            40,
            "Das Dokumentenmanagement läuft im Pilotamt; die drei anderen Ämter warten.",
            "Der Anbieter liefert die Schnittstelle zum Finanzverfahren später als vereinbart; "
            "zwei Stellen im Projektteam sind unbesetzt.",
            "Eskalation beim Anbieter im Dezember; Nachbesetzung der Stellen bis Februar; "
            "neuer Zieltermin wird dem Amtsausschuss vorgeschlagen.",
        ),
    ],
}

# A report written by the Fachbereich and waiting for Redaktion's release.
DRAFT = (
    "4.1-11",
    -2,
    80,
    "Die Online-Terminvergabe ist in allen vier Ämtern freigeschaltet.",
    "Die Schulung der Vertretungskräfte steht noch aus.",
    "Schulungstermine im Januar; danach Auswertung der Buchungszahlen.",
)

PROBLEMS = [
    "Personalengpässe im Projektteam verzögern die Umsetzung.",
    "Die Abstimmung mit dem externen Dienstleister dauert länger als geplant.",
]
NEXT_STEPS = [
    "Abstimmung der nächsten Ausbaustufe im Lenkungskreis.",
    "Schulung der Beschäftigten und Start des Regelbetriebs.",
    "Förderantrag für die zweite Phase vorbereiten.",
]


def plan(reference):
    return PLAN.get(reference, {})


def override(reference, today):
    """The light set by hand of the one demo measure that has it, else {}."""
    measure, light, reason, days = OVERRIDE
    if reference != measure:
        return {}
    return {
        "light_override": light,
        "override_reason": reason,
        "override_until": today + days * DAY,
    }


def actual_cost(status, i, planned):
    """What some measures cost so far: completed ones about the plan, every other running one
    part of it, the rest nothing entered yet."""
    if status == "completed":
        factor = Decimal("1.08") if i % 2 else Decimal("0.95")
    elif status == "in_progress" and i % 2 == 0:
        factor = Decimal("0.4")
    else:
        return Decimal(0)
    return (planned * factor).quantize(Decimal("1"))


def words(i, percent, stale):
    """Problems and next steps of a pattern report, each marked as an example."""
    problems = EXAMPLE + PROBLEMS[i % len(PROBLEMS)] if stale or percent < 40 else ""
    next_steps = "" if percent == 100 else EXAMPLE + NEXT_STEPS[i % len(NEXT_STEPS)]
    return problems, next_steps


def special_reports(reference, today):
    """The report rows of a measure written out here, or None for load_demo's pattern."""
    if reference not in REPORTS:
        return None
    return [
        (today + days * DAY, percent, EXAMPLE + text, problems and EXAMPLE + problems,
         next_steps and EXAMPLE + next_steps)
        for days, percent, text, problems, next_steps in REPORTS[reference]
    ]  # fmt: skip


def add_draft(measure, today):
    """The draft waiting for release, if `measure` is the one that has it; by the demo
    Fachbereich login if it exists yet (create_demo_users makes it the author otherwise)."""
    reference, days, percent, text, problems, next_steps = DRAFT
    if measure.reference != reference:
        return 0
    author = get_user_model().objects.filter(username="fachbereich").first()
    ProgressReport.objects.create(
        measure=measure,
        date=today + days * DAY,
        percent=percent,
        text=EXAMPLE + text,
        problems=EXAMPLE + problems,
        next_steps=EXAMPLE + next_steps,
        author=author,
        released_at=None,
    )
    return 1
