"""The traffic light in exports and open data, and the import passing over it."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from agenda.transfer.exports import public_agenda_data
from measures.models import Measure
from tests.agenda.import_table import Table, snapshot
from tests.factories import ActionFieldFactory, MeasureFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db

PAST = {"planned_start": datetime.date(2000, 1, 1), "planned_end": datetime.date(2001, 1, 1)}
UNTIL = datetime.date(2099, 3, 31)


@pytest.fixture
def steered(db):
    """A delayed measure with a released and a draft report; one with an override."""
    field = ActionFieldFactory(code="4.1")
    late = MeasureFactory(
        action_field=field, reference="4.1-1", status="in_progress", actual_cost=800, **PAST
    )
    ProgressReportFactory(
        measure=late, percent=40, problems="Server fehlt", next_steps="Server bestellen"
    )
    ProgressReportFactory(
        measure=late,
        date=datetime.date(2026, 6, 1),
        percent=95,
        problems="Entwurf: geheim",
        released_at=None,
    )
    MeasureFactory(
        action_field=field,
        reference="4.1-2",
        light_override="at_risk",
        override_reason="Lieferverzug",
        override_until=UNTIL,
        **PAST,
    )
    # An override that ran out is history: not shown as the measure's state.
    MeasureFactory(
        action_field=field,
        reference="4.1-3",
        light_override="on_track",
        override_reason="Alt",
        override_until=datetime.date(2002, 1, 1),
        **PAST,
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_table_carries_light_override_problems_and_actual_cost(steered, kind):
    table = Table(kind)
    assert table.get("4.1-1", "Ampel (Code)") == "delayed"
    assert table.get("4.1-1", "Ampel") == "Verzögert"
    assert table.get("4.1-1", "Probleme und Risiken") == "Server fehlt"
    assert table.get("4.1-1", "Nächste Schritte") == "Server bestellen"
    assert table.get("4.1-1", "Ampel von Hand gesetzt") == "Nein"
    actual = table.get("4.1-1", "Ist-Kosten bisher (EUR)")
    assert actual in ("800,00", 800)
    assert table.get("4.1-2", "Ampel (Code)") == "at_risk"
    assert table.get("4.1-2", "Ampel von Hand gesetzt") == "Ja"
    assert table.get("4.1-2", "Begründung der Ampel") == "Lieferverzug"
    assert table.get("4.1-2", "Ampel von Hand gesetzt bis") in (
        "31.03.2099",
        datetime.datetime(2099, 3, 31),
    )
    assert table.get("4.1-3", "Ampel (Code)") == "delayed"
    assert table.get("4.1-3", "Begründung der Ampel") in ("", None)
    assert "Entwurf: geheim" not in json.dumps(table.rows, default=str)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_import_ignores_the_light_columns_and_reads_the_actual_cost(steered, editor, kind):
    before = snapshot()
    table = Table(kind)
    for reference in ("4.1-1", "4.1-2"):
        table.set(reference, "Ampel (Code)", "Unsinn")
        table.set(reference, "Ampel", "Grün")
        table.set(reference, "Begründung der Ampel", "Anders")
        table.set(reference, "Probleme und Risiken", "Keine")
    result = table.run(user=editor)
    assert result.updated == [] and result.unchanged == 3
    assert snapshot() == before
    table.set("4.1-1", "Ist-Kosten bisher (EUR)", "1.234,50")
    assert table.run(user=editor).updated == ["4.1-1"]
    assert Measure.objects.get(reference="4.1-1").actual_cost == Decimal("1234.50")


def test_an_older_export_without_actual_cost_still_imports_and_keeps_it(steered, editor):
    table = Table("csv")
    column = table.rows[0].index("Ist-Kosten bisher (EUR)")
    table.rows = [row[:column] + row[column + 1 :] for row in table.rows]
    table.set("4.1-1", "Titel", "Neuer Titel")
    assert table.run(user=editor).updated == ["4.1-1"]
    measure = Measure.objects.get(reference="4.1-1")
    assert (measure.title, measure.actual_cost) == ("Neuer Titel", Decimal(800))


def test_the_json_export_has_the_light_and_the_released_reports_words(steered, editor_client):
    data = json.loads(editor_client.get(reverse("exports:measures-json")).content)
    by_reference = {m["reference"]: m for m in data["measures"]}
    late, overridden = by_reference["4.1-1"], by_reference["4.1-2"]
    assert (late["light"], late["light_label"]) == ("delayed", "Verzögert")
    assert (late["problems"], late["next_steps"]) == ("Server fehlt", "Server bestellen")
    assert late["actual_cost"] == "800.00"
    assert overridden["override_active"] is True
    assert overridden["override_reason"] == "Lieferverzug"
    assert overridden["override_until"] == "2099-03-31"
    assert by_reference["4.1-3"]["override_reason"] is None


def test_open_data_has_the_light_and_never_a_draft(steered):
    data = public_agenda_data()
    text = json.dumps(data)
    measures = {m["reference"]: m for m in data["action_fields"][0]["measures"]}
    assert measures["4.1-1"]["light"] == "delayed"
    assert measures["4.1-2"]["light_label"] == "Gefährdet"
    assert measures["4.1-2"]["override_reason"] == "Lieferverzug"
    (report,) = measures["4.1-1"]["progress_reports"]
    assert report["problems"] == "Server fehlt"
    assert "Entwurf: geheim" not in text
