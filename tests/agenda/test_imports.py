"""Import of measures from the export format: round trip, edits, all-or-nothing, bad input."""

import csv
import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from agenda.transfer.imports import MAX_ROWS, import_measures
from measures.models import FundingLine, Measure, Milestone
from tests.agenda.import_table import (
    IMPORT,
    Table,
    history_count,
    problems_of,
    snapshot,
    upload,
)
from tests.factories import (
    FundingProgrammeFactory,
    GoalFactory,
    GuidingPrincipleFactory,
)

pytestmark = pytest.mark.django_db

# --- round trip ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_importing_an_unchanged_export_changes_nothing(agenda, kind):
    before, records = snapshot(), history_count()
    result = Table(kind).run()
    assert result.created == []
    assert result.updated == []
    assert result.unchanged == 3
    assert snapshot() == before
    assert history_count() == records


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_edited_title_changes_exactly_the_title(agenda, editor, kind):
    before = snapshot()
    table = Table(kind)
    table.set("5.1-2", "Titel", "Breitband für alle")
    result = table.run(user=editor)
    assert result.updated == ["5.1-2"]
    assert result.unchanged == 2
    after = snapshot()
    changed = {k for k, v in after["5.1-2"].items() if before["5.1-2"][k] != v}
    assert changed == {"title", "version", "updated_at"}
    assert after["5.1-2"]["version"] == before["5.1-2"]["version"] + 1
    assert {k: v for k, v in after.items() if k != "5.1-2"} == {
        k: v for k, v in before.items() if k != "5.1-2"
    }
    record = Measure.objects.get(reference="5.1-2").history.first()
    with translation.override("de"):
        reason = gettext("Import from %(file)s") % {"file": table.name}
    assert record.history_change_reason == reason
    assert record.history_user == editor


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_changed_milestone_date_replaces_the_milestones_only(agenda, kind):
    before = snapshot()["5.1-2"]
    table = Table(kind)
    lines = table.get("5.1-2", "Meilensteine").splitlines()
    lines[0] = "15.07.2026" + lines[0][len("01.06.2026") :]
    table.set("5.1-2", "Meilensteine", "\n".join(lines))
    table.run()
    after = snapshot()["5.1-2"]
    dates = sorted(m.due_date for m in Milestone.objects.filter(measure__reference="5.1-2"))
    assert dates == [datetime.date(2026, 6, 1), datetime.date(2026, 7, 15)]
    assert after["funding"] == before["funding"]
    assert after["actors"] == before["actors"]
    assert after["version"] == before["version"] + 1


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_added_funding_line_is_created(agenda, kind):
    FundingProgrammeFactory(name="Breitband Bund", level="federal")
    table = Table(kind)
    cell = table.get("5.1-3", "Finanzierungsposten") or ""
    added = "Bund | Breitband Bund | 25.000,00 | Beantragt | 31.03.2027 | Antrag in Arbeit"
    table.set("5.1-3", "Finanzierungsposten", f"{cell}\n{added}".strip())
    result = table.run()
    assert result.updated == ["5.1-3"]
    (line,) = FundingLine.objects.filter(measure__reference="5.1-3")
    assert (line.source, line.programme.name, line.amount) == ("federal", "Breitband Bund", 25000)
    assert (line.status, line.application_deadline) == ("applied", datetime.date(2027, 3, 31))
    assert line.note == "Antrag in Arbeit"


def test_a_new_reference_creates_a_measure_with_its_parts(agenda):
    table = Table("csv")
    table.copy_row("5.1-1", Kennung="5.1-9", Titel="Neu aus Excel", Version="")
    result = table.run()
    assert result.created == ["5.1-9"]
    new, old = Measure.objects.get(reference="5.1-9"), agenda[0]
    assert new.title == "Neu aus Excel"
    assert new.version == 1
    assert set(new.goals.all()) == set(old.goals.all())
    assert new.milestones.count() == old.milestones.count()
    assert new.funding_lines.count() == old.funding_lines.count()
    assert new.participations.count() == old.participations.count()


def test_labels_in_english_and_internal_values_are_accepted_too(agenda):
    table = Table("csv")
    table.set("5.1-3", "Status", "in_progress")
    table.set("5.1-3", "Priorität", "Low")
    table.set("5.1-3", "Machbarkeit", "3")
    table.set("5.1-3", "Veröffentlicht", "nein")
    table.run()
    measure = Measure.objects.get(reference="5.1-3")
    assert (measure.status, measure.priority, measure.feasibility) == ("in_progress", 3, 3)
    assert measure.is_published is False


# --- all or nothing -----------------------------------------------------------------------


def test_one_bad_row_changes_nothing_and_names_row_and_column(agenda):
    before, records = snapshot(), history_count()
    table = Table("xlsx")
    table.set("5.1-1", "Titel", "Geändert")
    table.set("5.1-3", "Einmalige Kosten (EUR)", "zwölf")
    table.copy_row("5.1-3", Kennung="5.1-9", Version=None)
    problems = problems_of(table, "m.xlsx")
    assert [(row, column) for row, column, _message in problems] == [
        (4, "Einmalige Kosten (EUR)"),
        (5, "Einmalige Kosten (EUR)"),
    ]
    assert all("zwölf" in message for _row, _column, message in problems)
    assert snapshot() == before
    assert history_count() == records


def test_a_reference_twice_in_the_file_is_reported(agenda):
    table = Table("csv")
    table.copy_row("5.1-2", Titel="Doppelt")
    ((row, column, message),) = problems_of(table)
    assert (row, column) == (5, "Kennung")
    assert "5.1-2" in message
    assert "3" in message


BAD_CELLS = [
    # (header, value, fragment of the message)
    ("Handlungsfeld", "99.9", "99.9"),
    ("Zuständige Stelle", "Amt Nirgendwo", "Amt Nirgendwo"),
    ("Beteiligte Akteure", "Niemand | hilft", "Niemand"),
    ("Beteiligte Akteure", "Hauptamt\nHauptamt | doppelt", ""),
    ("Ziele", "Weltfrieden", "Weltfrieden"),
    ("Leitlinien", "Gibt es nicht", "Gibt es nicht"),
    ("Ansprechperson", "niemand", "niemand"),
    ("Finanzierungsposten", "Land | Unbekanntes Programm | 100", "Unbekanntes Programm"),
    ("Finanzierungsposten", "Land | | zwölf", "zwölf"),
    ("Finanzierungsposten", "Bund | Digitale Dörfer | 100", "Digitale Dörfer"),
    ("Finanzierungsposten", "Eigenmittel | Digitale Dörfer | 100", ""),
    ("Finanzierungsposten", "Lotto | | 100", "Lotto"),
    ("Finanzierungsposten", "Land", ""),
    ("Geplanter Beginn", "31.02.2026", "31.02.2026"),
    ("Tatsächliches Ende", "morgen", "morgen"),
    ("Meilensteine", "31.02.2026 | Start | offen", "31.02.2026"),
    ("Meilensteine", "01.02.2026 | Start | vielleicht", "vielleicht"),
    ("Meilensteine", "01.02.2026 | " + "M" * 201, "200"),
    ("Einmalige Kosten (EUR)", "zwölf", "zwölf"),
    ("Einmalige Kosten (EUR)", "-5", "0"),
    ("Einmalige Kosten (EUR)", "1,234", "2"),
    ("Interner Aufwand (Personentage)", "1e5", "1e5"),
    ("Titel", "T" * 201, "200"),
    ("Titel", "", ""),
    ("Titel", "Mit\x00Nullbyte", ""),
    ("Beschreibung", "Nullbyte \x00 in der Beschreibung", ""),
    ("Kennung", "5.1 neu", ""),
    ("Status", "vielleicht", "vielleicht"),
    ("Priorität", "sehr hoch", "sehr hoch"),
    ("Veröffentlicht", "vielleicht", "vielleicht"),
    ("Version", "drei", ""),
]


@pytest.mark.parametrize(("header", "value", "fragment"), BAD_CELLS)
def test_each_kind_of_bad_cell_is_reported_with_row_and_column(
    editor_client, agenda, header, value, fragment
):
    before = snapshot()
    table = Table("csv")
    table.set("5.1-1", header, value)
    response = editor_client.post(IMPORT, {"file": SimpleUploadedFile(table.name, table.content)})
    assert response.status_code == 400
    problems = response.context["problems"]
    assert {(p.row, p.column) for p in problems} == {(2, header)}
    assert all(p.message for p in problems)
    assert fragment in " ".join(p.message for p in problems)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("start", "end", "header"),
    [
        ("Geplanter Beginn", "Zieltermin", "Zieltermin"),
        ("Tatsächlicher Beginn", "Tatsächliches Ende", "Tatsächliches Ende"),
    ],
)
def test_an_end_before_its_start_is_reported(agenda, start, end, header):
    table = Table("csv")
    table.set("5.1-2", start, "01.06.2026")
    table.set("5.1-2", end, "31.05.2026")
    ((row, column, _message),) = problems_of(table)
    assert (row, column) == (3, header)


def csv_bytes(rows):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return buffer.getvalue().encode()


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def header():
    return Table("csv").rows[0]


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "leer.csv", "The file is empty."),
        (b" ;\r\n;\r\n", "leer.csv", "The file is empty."),
        (bytes(range(256)) * 20, "kaputt.csv", "The file is neither a CSV file nor an XLSX file."),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "bild.png", "Upload a CSV or XLSX file."),
        (b"kein zip", "tabelle.xlsx", "The file is not a valid XLSX file."),
        (zip_bytes({"hallo.txt": "kein Excel"}), "t.xlsx", "The file is not a valid XLSX file."),
        (
            zip_bytes({"bombe.xml": b"0" * (61 * 2**20)}),
            "bombe.xlsx",
            "The XLSX file unpacks to too much data.",
        ),
        (
            "Kennung;Titel\r\n1;A\r\n".encode("utf-16"),
            "utf16.csv",
            "The file is in UTF-16. Save it as “CSV UTF-8” and upload it again.",
        ),
        (b"x" * (5 * 2**20 + 1), "gross.csv", "The file is larger than 5 MB."),
    ],
)
def test_a_file_that_is_not_a_measure_table_is_refused(db, content, filename, message):
    ((row, _column, text),) = problems_of(content, filename)
    assert row is None
    assert text == gettext(message.replace("5 MB", "%(size)d MB")) % {"size": 5}


def test_missing_and_doubled_columns_are_reported_by_name(agenda):
    columns = header()
    columns.remove("Meilensteine")
    columns.append("Titel")
    problems = problems_of(csv_bytes([columns]))
    assert [(row, column) for row, column, _message in problems] == [
        (1, "Titel"),
        (1, "Meilensteine"),
    ]


def test_more_than_the_row_limit_is_refused(db):
    rows = [header()] + [[f"R{i}", "Titel"] for i in range(MAX_ROWS + 1)]
    ((row, _column, message),) = problems_of(csv_bytes(rows))
    assert str(MAX_ROWS) in message


def test_a_windows_1252_csv_from_german_excel_is_read(agenda):
    table = Table("csv")
    table.set("5.1-3", "Titel", "Straßen für Bürger")
    content = table.content.decode("utf-8-sig").encode("cp1252", errors="replace")
    import_measures(content=content, filename="excel.csv")
    assert Measure.objects.get(reference="5.1-3").title == "Straßen für Bürger"


def test_goals_and_principles_with_the_same_title_are_told_apart(agenda):
    measure = agenda[1]
    GoalFactory(title=measure.goals.first().title)
    GuidingPrincipleFactory(title=measure.principles.first().title)
    before = snapshot()
    Table("xlsx").run()
    assert snapshot() == before
    table = Table("csv")
    table.copy_row("5.1-2", Kennung="5.1-9", Ansprechperson="")
    problems = problems_of(table)
    # A new measure: the goal is told apart by its field, the principle cannot be.
    assert [(row, column) for row, column, _message in problems] == [(5, "Leitlinien")]


# --- the page -----------------------------------------------------------------------------


def test_editors_import_through_the_page_and_see_a_summary(editor_client, agenda):
    table = Table("csv")
    table.set("5.1-1", "Titel", "Neuer Titel")
    table.copy_row("5.1-3", Kennung="5.1-10", Version="")
    response = upload(editor_client, table.content)
    assert response.status_code == 200
    assert response.context["result"].created == ["5.1-10"]
    assert response.context["result"].updated == ["5.1-1"]
    assert "5.1-10" in response.content.decode()


def test_a_refused_file_shows_every_problem_in_a_table(editor_client, agenda):
    table = Table("csv")
    table.set("5.1-1", "Geplanter Beginn", "31.02.2026")
    table.set("5.1-3", "Handlungsfeld", "99.9")
    response = upload(editor_client, table.content)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<table" in html
    assert "31.02.2026" in html
    assert "Geplanter Beginn" in html
    assert "Handlungsfeld" in html
    assert [(p.row, p.column) for p in response.context["problems"]] == [
        (2, "Geplanter Beginn"),
        (4, "Handlungsfeld"),
    ]


@pytest.mark.parametrize(
    ("content", "name"),
    [(bytes(range(256)), "x.csv"), (b"PK\x03\x04kaputt", "x.xlsx"), (b"", "x.csv")],
)
def test_garbage_uploads_get_a_report_never_a_500(editor_client, content, name):
    response = upload(editor_client, content, name)
    assert response.status_code in (200, 400)


def test_readers_may_not_import(client, reader, agenda):
    client.force_login(reader)
    assert client.get(IMPORT).status_code == 403
    table = Table("csv")
    table.set("5.1-1", "Titel", "Gekapert")
    assert upload(client, table.content).status_code == 403
    assert Measure.objects.get(reference="5.1-1").title != "Gekapert"


def test_anonymous_users_are_sent_to_the_login(client):
    response = client.get(IMPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("language", ["de", "en"])
def test_yes_and_no_are_read_in_german_and_in_the_users_language(language):
    from django.utils import translation

    from agenda.transfer.table_format import parse_bool

    with translation.override(language):
        assert parse_bool("Ja") is True
        assert parse_bool("nein") is False
        assert parse_bool("erledigt") is True
        assert parse_bool("Yes" if language == "en" else "ja") is True
