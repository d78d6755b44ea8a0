import datetime
from decimal import Decimal

import pytest

from tests.factories import (
    ActorFactory,
    FundingLineFactory,
    FundingProgrammeFactory,
    MeasureActorFactory,
    MeasureFactory,
    MilestoneFactory,
    UserFactory,
    measure_with_parts,
)


@pytest.fixture
def agenda(editor):
    """Measures with every kind of part and some awkward text."""
    first = measure_with_parts(
        reference="5.1-1",
        contact_person=editor,
        responsible_unit=ActorFactory(name="Hauptamt"),
        description="Zeile eins\r\nZeile zwei",
        feasibility_text="Nur mit Förderung.",
        title="=1+1 ist kein Titel",
        summary="'Zitat' am Anfang",
    )
    MilestoneFactory(measure=first, title="Vergabe | Zuschlag", due_date=datetime.date(2027, 2, 1))
    MeasureActorFactory(measure=first, contribution="Räume\nund Technik")
    FundingLineFactory(
        measure=first,
        source="state",
        programme=FundingProgrammeFactory(name="Digitale Dörfer", level="state"),
        amount=Decimal("1234.56"),
        application_deadline=datetime.date(2026, 4, 30),
        note="Ablage: C:\\Förderung\\2026",
    )
    # A former colleague stays contact person of an old measure.
    second = measure_with_parts(reference="5.1-2", contact_person=UserFactory(is_active=False))
    MeasureFactory(reference="5.1-3", planned_start=None, planned_end=None, staff_days=0)
    return [first, second]
