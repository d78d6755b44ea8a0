"""Demo indicators (Kennzahlen) for goals of the demo agenda, with example values.

The concept paper names no figures; baselines, targets and values are invented and flagged
`values_are_examples`. The dates are fixed so that, as of 1 December 2026, the indicators
show every light: on track, at risk, delayed and completed (tests/strategy/test_demo_indicators.py).
Running it again adds nothing twice: indicators are found by goal and name, values by date.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from strategy.models import Goal, Indicator, IndicatorValue

D = datetime.date
QUARTERLY, HALF_YEARLY, YEARLY = (i.value for i in (
    Indicator.Interval.QUARTERLY, Indicator.Interval.HALF_YEARLY, Indicator.Interval.YEARLY
))  # fmt: skip


@dataclass(frozen=True)
class DemoIndicator:
    field: str  # action field code
    goal: int  # position of the goal in the field, from 1
    name: str
    unit: str
    description: str
    baseline: tuple  # (date, value)
    target: tuple  # (date, value)
    source: str
    interval: int
    values: tuple  # ((date, value, comment), ...)
    direction: str = Indicator.Direction.INCREASE


INDICATORS = [
    DemoIndicator(
        "4.1", 1, "Online verfügbare Verwaltungsleistungen", "%",
        "Anteil der Verwaltungsleistungen nach dem Onlinezugangsgesetz, die vollständig online "
        "beantragt werden können.",
        (D(2022, 1, 1), "35"), (D(2028, 12, 31), "90"),
        "OZG-Dashboard des Landes (Beispiel)", QUARTERLY,
        (
            (D(2023, 1, 1), "44", "Erste Dienste über das Landesportal angebunden."),
            (D(2024, 1, 1), "52", ""),
            (D(2025, 1, 1), "61", "Wohngeld und Meldebescheinigung online."),
            (D(2026, 1, 1), "68", ""),
            # Quarterly: the next value was due at the end of September (shows as due).
            (D(2026, 7, 1), "72", "Stand laut Dashboard, Beispielwert."),
        ),
    ),
    DemoIndicator(
        "4.1", 1, "Nutzerkonten im Bürgerportal", "Konten",
        "Registrierte Nutzerkonten der Einwohnenden im gemeinsamen Bürgerportal der Ämter.",
        (D(2023, 1, 1), "500"), (D(2028, 12, 31), "6000"),
        "Auswertung des Bürgerportals (Beispiel)", QUARTERLY,
        (
            (D(2024, 1, 1), "1400", ""),
            (D(2025, 1, 1), "2300", "Werbung über die Amtsblätter."),
            (D(2026, 1, 1), "3300", ""),
            (D(2026, 10, 1), "4000", ""),
        ),
    ),
    DemoIndicator(
        "4.1", 2, "Bearbeitungsdauer von Bauanträgen", "Tage",
        "Durchschnittliche Dauer vom vollständigen Antrag bis zum Bescheid.",
        (D(2023, 1, 1), "90"), (D(2027, 12, 31), "45"),
        "Fachverfahren der Bauaufsicht (Beispiel)", HALF_YEARLY,
        (
            (D(2024, 1, 1), "84", ""),
            (D(2025, 1, 1), "76", ""),
            (D(2026, 1, 1), "70", "Digitaler Bauantrag erst in zwei Ämtern eingeführt."),
            (D(2026, 9, 30), "66", ""),
        ),
        Indicator.Direction.DECREASE,
    ),
    DemoIndicator(
        "4.1", 3, "Beschäftigte mit Fortbildung in Digitalkompetenz", "%",
        "Anteil der Beschäftigten der vier Ämter, die eine Fortbildung zu digitalen Verfahren "
        "abgeschlossen haben.",
        (D(2023, 1, 1), "10"), (D(2027, 12, 31), "80"),
        "Fortbildungsstatistik der Personalämter (Beispiel)", HALF_YEARLY,
        (
            (D(2024, 1, 1), "18", ""),
            (D(2025, 1, 1), "28", ""),
            (D(2026, 1, 1), "40", "Schulungsangebot der VHS ausgeweitet."),
            (D(2026, 9, 30), "50", "Schulungen wegen Personalengpässen verschoben."),
        ),
    ),
    DemoIndicator(
        "4.2", 2, "Fläche mit 5G-Mobilfunkversorgung", "%",
        "Anteil der Fläche der Ämter mit 5G-Versorgung durch mindestens einen Netzbetreiber.",
        (D(2022, 1, 1), "30"), (D(2027, 12, 31), "95"),
        "Mobilfunk-Monitoring der Bundesnetzagentur (Beispiel)", HALF_YEARLY,
        (
            (D(2023, 6, 30), "34", ""),
            (D(2024, 6, 30), "38", "Standortsuche für zwei Masten ohne Ergebnis."),
            (D(2025, 6, 30), "45", ""),
            (D(2026, 6, 30), "52", "Ausbau hinter dem Plan; Gespräche mit den Netzbetreibern."),
        ),
    ),
    DemoIndicator(
        "4.2", 3, "Öffentliche WLAN-Zugangspunkte", "Zugangspunkte",
        "Frei nutzbare WLAN-Zugangspunkte in Amtsgebäuden, Dorfgemeinschaftshäusern und auf "
        "Plätzen.",
        (D(2022, 1, 1), "6"), (D(2026, 12, 31), "40"),
        "Netzverwaltung der Ämter (Beispiel)", YEARLY,
        (
            (D(2023, 1, 1), "14", ""),
            (D(2024, 1, 1), "23", ""),
            (D(2025, 1, 1), "33", ""),
            (D(2026, 6, 30), "41", "Ziel erreicht."),
        ),
    ),
    DemoIndicator(
        "5.2", 1, "Schulen mit WLAN in allen Unterrichtsräumen", "Schulen",
        "Schulen in Trägerschaft der Ämter und Gemeinden mit WLAN in jedem Unterrichtsraum.",
        (D(2022, 1, 1), "4"), (D(2026, 12, 31), "18"),
        "Schulträger, DigitalPakt-Berichte (Beispiel)", YEARLY,
        (
            (D(2023, 1, 1), "7", ""),
            (D(2024, 1, 1), "11", ""),
            (D(2025, 1, 1), "15", ""),
            (D(2026, 8, 31), "18", "Alle Schulen ausgestattet."),
        ),
    ),
    DemoIndicator(
        "5.5", 3, "Teilnehmende an Online-Beteiligungen", "Personen",
        "Personen, die sich im Jahr an mindestens einer Online-Beteiligung der Ämter beteiligt "
        "haben.",
        (D(2023, 1, 1), "120"), (D(2027, 12, 31), "600"),
        "Beteiligungsplattform (Beispiel)", YEARLY,
        (
            (D(2024, 1, 1), "180", ""),
            (D(2025, 1, 1), "310", "Beteiligung zum Radwegekonzept."),
            (D(2026, 6, 30), "420", ""),
        ),
    ),
]  # fmt: skip


def _goal(code, position):
    goals = list(Goal.objects.filter(action_field__code=code).order_by("order", "id"))
    return goals[position - 1] if len(goals) >= position else None


@transaction.atomic
def load_demo_indicators():
    """Create the demo indicators and their values that are missing; returns how many of each."""
    created = {"indicators": 0, "indicator_values": 0}
    for order, demo in enumerate(INDICATORS, start=1):
        goal = _goal(demo.field, demo.goal)
        if goal is None:
            continue
        indicator, new = Indicator.objects.get_or_create(
            goal=goal,
            name=demo.name,
            defaults={
                "unit": demo.unit,
                "description": demo.description,
                "baseline_date": demo.baseline[0],
                "baseline_value": Decimal(demo.baseline[1]),
                "target_date": demo.target[0],
                "target_value": Decimal(demo.target[1]),
                "direction": demo.direction,
                "source": demo.source,
                "interval_days": demo.interval,
                "values_are_examples": True,
                "order": order,
            },
        )
        created["indicators"] += new
        for day, value, comment in demo.values:
            _value, new = IndicatorValue.objects.get_or_create(
                indicator=indicator,
                date=day,
                defaults={"value": Decimal(value), "comment": comment},
            )
            created["indicator_values"] += new
    return created
