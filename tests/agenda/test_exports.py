"""Staff exports of the measures (CSV, XLSX, JSON) and the public open-data dictionary."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from agenda.transfer.exports import EXPORTED_COLUMNS, public_agenda_data
from measures.models import FundingLine, Measure
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    FundingLineFactory,
    FundingProgrammeFactory,
    GoalFactory,
    GuidingPrincipleFactory,
    MeasureActorFactory,
    MeasureFactory,
    MilestoneFactory,
    UserFactory,
    measure_with_parts,
)

pytestmark = pytest.mark.django_db

CSV = reverse("exports:measures-csv")
XLSX = reverse("exports:measures-xlsx")
JSON = reverse("exports:measures-json")
HEADERS = [column.header for column in EXPORTED_COLUMNS]


def csv_table(response):
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def xlsx_sheet(response):
    workbook = load_workbook(io.BytesIO(response.content))
    return workbook["Maßnahmen"]


def xlsx_table(response):
    rows = list(xlsx_sheet(response).iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def detailed(db):
    """One measure with every planning field filled, parts included."""
    field = ActionFieldFactory(code="5.1")
    unit = ActorFactory(name="Hauptamt")
    measure = MeasureFactory(
        reference="5.1-1",
        title="Dorffunk",
        description="Erste Zeile\nZweite Zeile",
        action_field=field,
        responsible_unit=unit,
        contact_person=UserFactory(username="rita.k"),
        priority=Measure.Priority.HIGH,
        feasibility=Measure.Feasibility.CONDITIONAL,
        feasibility_text="Nur mit Förderung.",
        staff_days=Decimal("12.5"),
        one_off_cost=Decimal("12345.67"),
        planned_start=datetime.date(2026, 3, 1),
        planned_end=datetime.date(2027, 2, 28),
    )
    measure.goals.set([GoalFactory(action_field=field, title="Alle Dörfer vernetzen")])
    measure.principles.set([GuidingPrincipleFactory(title="Gemeinsam gestalten")])
    MilestoneFactory(measure=measure, title="Ausschreibung", due_date=datetime.date(2026, 5, 4))
    MilestoneFactory(measure=measure, title="Start", due_date=datetime.date(2026, 9, 1), done=True)
    programme = FundingProgrammeFactory(name="Digitale Dörfer", level="state")
    FundingLineFactory(
        measure=measure,
        source="state",
        programme=programme,
        amount=Decimal("8000"),
        status=FundingLine.Status.APPLIED,
        application_deadline=datetime.date(2026, 4, 30),
    )
    FundingLineFactory(measure=measure, source="own", amount=Decimal("4345.67"), status="planned")
    MeasureActorFactory(measure=measure, actor=ActorFactory(name="Amt Wilster"), contribution="")
    MeasureActorFactory(measure=measure, actor=unit, contribution="Projektleitung")
    return measure


def test_csv_is_utf8_with_bom_semicolons_german_numbers_and_dates(editor_client, detailed):
    response = editor_client.get(CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="massnahmen-')
    assert response.content.decode("utf-8-sig").splitlines()[0].startswith("Kennung;Titel;")
    (row,) = csv_table(response)
    assert list(row) == HEADERS
    assert row["Kennung"] == "5.1-1"
    assert row["Handlungsfeld"] == "5.1"
    assert row["Einmalige Kosten (EUR)"] == "12.345,67"
    assert row["Interner Aufwand (Personentage)"] == "12,5"
    assert row["Geplanter Beginn"] == "01.03.2026"
    assert row["Zieltermin"] == "28.02.2027"
    assert row["Priorität"] == "Hoch"
    assert row["Machbarkeit"] == "Unter Bedingungen machbar"
    assert row["Veröffentlicht"] == "Ja"
    assert row["Ansprechperson"] == "rita.k"
    assert row["Zuständige Stelle"] == "Hauptamt"


def test_csv_has_one_row_per_measure_with_parts_as_lines_in_one_cell(editor_client, detailed):
    MeasureFactory()
    rows = csv_table(editor_client.get(CSV))
    assert len(rows) == 2
    row = rows[0]
    assert row["Beschreibung"] == "Erste Zeile\nZweite Zeile"
    assert row["Meilensteine"].splitlines() == [
        "04.05.2026 | Ausschreibung | offen",
        "01.09.2026 | Start | erledigt",
    ]
    assert row["Finanzierungsposten"].splitlines() == [
        "Land | Digitale Dörfer | 8.000,00 | Beantragt | 30.04.2026",
        "Eigenmittel |  | 4.345,67 | Geplant",
    ]
    assert row["Beteiligte Akteure"].splitlines() == ["Amt Wilster", "Hauptamt | Projektleitung"]
    assert row["Ziele"] == "Alle Dörfer vernetzen"
    assert row["Leitlinien"] == "Gemeinsam gestalten"


def test_pipes_and_line_breaks_inside_a_part_are_escaped(editor_client):
    measure = MeasureFactory()
    MeasureActorFactory(measure=measure, contribution="Raum | Technik\nund Personal")
    (row,) = csv_table(editor_client.get(CSV))
    assert row["Beteiligte Akteure"].endswith(" | Raum \\| Technik\\nund Personal")


def test_xlsx_has_the_same_rows_with_real_numbers_and_dates(editor_client, detailed):
    MeasureFactory()
    response = editor_client.get(XLSX)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = xlsx_sheet(response)
    assert sheet.freeze_panes == "B2"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["B"].width == 40
    rows = xlsx_table(response)
    assert len(rows) == 2
    assert list(rows[0]) == HEADERS
    row = rows[0]
    assert row["Einmalige Kosten (EUR)"] == pytest.approx(12345.67)
    assert row["Geplanter Beginn"] == datetime.datetime(2026, 3, 1)
    assert sheet["U2"].number_format == "DD.MM.YYYY"
    csv_row = csv_table(editor_client.get(CSV))[0]
    for name in ["Kennung", "Titel", "Beschreibung", "Meilensteine", "Finanzierungsposten"]:
        assert row[name] == csv_row[name]


def test_text_that_looks_like_a_formula_is_never_run_by_excel(editor_client):
    MeasureFactory(title='=HYPERLINK("http://evil.example","klick")', summary="-1+2")
    (row,) = csv_table(editor_client.get(CSV))
    assert row["Titel"] == '\'=HYPERLINK("http://evil.example","klick")'
    assert row["Kurzbeschreibung"] == "'-1+2"
    sheet = xlsx_sheet(editor_client.get(XLSX))
    assert sheet["B2"].data_type == "s"
    assert sheet["B2"].value == '=HYPERLINK("http://evil.example","klick")'


def test_characters_a_spreadsheet_cannot_hold_are_dropped_not_a_500(editor_client):
    MeasureFactory(title="Aus Word\x0bkopiert")
    response = editor_client.get(XLSX)
    assert response.status_code == 200
    assert xlsx_table(response)[0]["Titel"] == "Aus Wordkopiert"


def test_json_has_iso_dates_decimal_strings_and_nested_parts(editor_client, detailed):
    response = editor_client.get(JSON)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["format"] == "digitale-agenda/measures"
    assert data["format_version"] == 1
    assert data["count"] == 1
    (measure,) = data["measures"]
    assert measure["reference"] == "5.1-1"
    assert measure["one_off_cost"] == "12345.67"
    assert measure["staff_days"] == "12.5"
    assert measure["planned_start"] == "2026-03-01"
    assert measure["status"] == "planned"
    assert measure["status_label"] == "Geplant"
    assert measure["contact_person"] == "rita.k"
    assert measure["goals"] == [{"action_field": "5.1", "title": "Alle Dörfer vernetzen"}]
    assert measure["principles"] == [{"title": "Gemeinsam gestalten"}]
    assert measure["milestones"][1] == {"due_date": "2026-09-01", "title": "Start", "done": True}
    assert measure["funding_lines"][0] == {
        "source": "state",
        "source_label": "Land",
        "amount": "8000.00",
        "status": "applied",
        "status_label": "Beantragt",
        "application_deadline": "2026-04-30",
        "programme": "Digitale Dörfer",
        "note": "",
    }
    assert measure["actors"][1] == {"name": "Hauptamt", "contribution": "Projektleitung"}


@pytest.mark.parametrize("url", [CSV, XLSX, JSON])
def test_the_export_honours_the_filter_and_order_of_the_staff_list(editor_client, url):
    MeasureFactory(reference="1", title="Breitband", status="planned")
    MeasureFactory(reference="2", title="Dorffunk", status="completed")
    MeasureFactory(reference="3", title="Breitband Schulen", status="planned")
    response = editor_client.get(url, {"q": "Breitband", "status": "planned", "o": "-reference"})
    if url == JSON:
        references = [m["reference"] for m in json.loads(response.content)["measures"]]
    elif url == CSV:
        references = [row["Kennung"] for row in csv_table(response)]
    else:
        references = [row["Kennung"] for row in xlsx_table(response)]
    assert references == ["3", "1"]


def test_an_invalid_filter_is_refused_rather_than_exporting_everything(editor_client):
    MeasureFactory()
    response = editor_client.get(CSV, {"year_from": "2030", "year_to": "2020"})
    assert response.status_code == 400


@pytest.mark.parametrize("url", [CSV, XLSX, JSON])
@pytest.mark.parametrize("count", [3, 30])
def test_export_queries_do_not_grow_with_the_number_of_measures(
    editor_client, django_assert_max_num_queries, url, count
):
    field = ActionFieldFactory()
    for _ in range(count):
        measure_with_parts(action_field=field, contact_person=UserFactory())
    with django_assert_max_num_queries(12):  # +1: participating organisations, +1: decisions
        response = editor_client.get(url)
    assert response.status_code == 200


def test_readers_may_export(client, reader):
    client.force_login(reader)
    for url in [CSV, XLSX, JSON]:
        assert client.get(url).status_code == 200


def test_users_without_a_role_may_not_export(client, no_role):
    client.force_login(no_role)
    assert client.get(CSV).status_code == 403


def test_anonymous_users_are_sent_to_the_login(client):
    response = client.get(XLSX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_measure_list_links_to_the_filtered_exports(editor_client, client, reader):
    page = editor_client.get(reverse("measures:measure-list"), {"status": "planned"})
    html = page.content.decode()
    assert f"{CSV}?status=planned" in html
    assert reverse("exports:import") in html
    client.force_login(reader)
    html = client.get(reverse("measures:measure-list")).content.decode()
    assert XLSX in html
    assert reverse("exports:import") not in html


# --- open data ------------------------------------------------------------------------


def test_open_data_holds_principles_fields_goals_and_published_measures_only(detailed):
    MeasureFactory(title="Intern", is_published=False, action_field=detailed.action_field)
    FundingLineFactory(measure=detailed, note="Interne Notiz")
    data = public_agenda_data()
    text = json.dumps(data)  # JSON-serialisable as it is
    assert data["format"] == "digitale-agenda/agenda"
    assert [p["title"] for p in data["principles"]] == ["Gemeinsam gestalten"]
    (field,) = data["action_fields"]
    assert field["code"] == "5.1"
    assert [g["title"] for g in field["goals"]] == ["Alle Dörfer vernetzen"]
    (measure,) = field["measures"]
    assert measure["reference"] == "5.1-1"
    assert measure["feasibility_label"] == "Unter Bedingungen machbar"
    for secret in ["contact_person", "feasibility_text", "is_published", "version"]:
        assert secret not in measure
    assert all("note" not in line for line in measure["funding_lines"])
    for word in ["Intern", "rita.k", "Nur mit Förderung", "Interne Notiz"]:
        assert word not in text


def test_open_data_carries_the_progress_reports(detailed):
    measure = measure_with_parts(action_field=detailed.action_field)
    data = public_agenda_data()
    published = {m["reference"]: m for m in data["action_fields"][0]["measures"]}
    reports = published[measure.reference]["progress_reports"]
    assert [r["percent"] for r in reports] == [40, 10]
    assert reports[0]["date"] == "2026-04-10"
    assert "author" not in reports[0]


@pytest.mark.parametrize("count", [3, 30])
def test_open_data_queries_do_not_grow_with_the_number_of_measures(
    django_assert_max_num_queries, count
):
    field = ActionFieldFactory()
    for _ in range(count):
        measure_with_parts(action_field=field)
    with django_assert_max_num_queries(12):  # +1: participating organisations, +1: decisions
        data = public_agenda_data()
    assert len(data["action_fields"][0]["measures"]) == count
