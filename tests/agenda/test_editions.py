"""Editions freeze the agenda; reports render it as a tagged PDF for the council."""

import datetime
import io
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from agenda.editions import services
from agenda.editions.forms import EditionForm
from agenda.models import Edition, Report
from agenda.report.diff import compare
from agenda.report.render import layout_pdf, render_html
from agenda.report.snapshot import build_snapshot, select
from measures.models import Measure
from tests.factories import (
    ActionFieldFactory,
    IdeaFactory,
    MeasureFactory,
    measure_with_parts,
    overridden_with_draft,
)

pytestmark = pytest.mark.django_db
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


def freeze(user, title="Fassung 1", day=datetime.date(2026, 6, 1), **extra):
    form = EditionForm({"title": title, "reporting_date": day.isoformat(), **extra})
    assert form.is_valid(), form.errors
    return services.freeze_edition(form=form, user=user)


def pdf_pages(report):
    """The text of each page, as poppler's pdftotext reads it."""
    result = subprocess.run(  # noqa: S603 - poppler from the system, on our own bytes
        [PDFTOTEXT, "-layout", "-", "-"],
        input=bytes(report.pdf),
        capture_output=True,
        check=True,
    )
    return result.stdout.decode().split("\f")[:-1]


def pdf_text(report):
    reader = PdfReader(io.BytesIO(bytes(report.pdf)))
    return reader, "\n".join(pdf_pages(report))


@pytest.fixture
def agenda_data():
    first = ActionFieldFactory(code="4.1", title="Digitale Verwaltung", situation="Viel Papier.")
    second = ActionFieldFactory(code="5.1", title="Wohnen und Nachbarschaft")
    measures = [
        measure_with_parts(action_field=first, reference="4.1-1", title="E-Akte einführen"),
        measure_with_parts(action_field=first, reference="4.1-2", title="OZG-Dienste"),
        measure_with_parts(action_field=second, reference="5.1-1", title="Dorffunk"),
    ]
    MeasureFactory(action_field=second, reference="5.1-9", title="Entwurf", is_published=False)
    idea = IdeaFactory(title="Dorf-App", state="promoted", measure=measures[2])
    return {"fields": [first, second], "measures": measures, "idea": idea}


def test_the_snapshot_needs_the_same_queries_for_3_or_30_measures(
    agenda_data, django_assert_max_num_queries
):
    # Issue 13: council decisions (+1), scores and the portfolio axes (+2), less one shared.
    with django_assert_max_num_queries(23) as small:
        build_snapshot()
    for n in range(27):
        measure = measure_with_parts(
            action_field=agenda_data["fields"][n % 2], reference=f"9.9-{n}"
        )
        if n % 3 == 0:
            # Lights of every kind cost no query per row: overrides, drafts waiting.
            overridden_with_draft(measure, "delayed")
    with django_assert_max_num_queries(len(small.captured_queries)):
        snapshot = build_snapshot()
    assert sum(len(f["measures"]) for f in snapshot["fields"]) == 31


def test_freezing_an_edition_renders_its_report_in_the_background(
    agenda_data, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = freeze(editor)
    report = edition.reports.get()
    assert report.status == Report.Status.DONE
    assert report.progress == 100
    assert report.page_count > 5
    reader, text = pdf_text(report)
    assert len(reader.pages) == report.page_count
    # Every field, every published measure; no draft.
    for title in [
        "Digitale Verwaltung",
        "Wohnen und Nachbarschaft",
        "E-Akte einführen",
        "OZG-Dienste",
        "Dorffunk",
    ]:
        assert title in text
    assert "Entwurf" not in text
    # The participation chapter names the idea that became a measure.
    assert "Dorf-App" in text


def test_the_report_is_a_tagged_pdf_ua_with_title_language_and_bookmarks(
    agenda_data, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = freeze(editor)
    report = edition.reports.get()
    reader, _text = pdf_text(report)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith("de")
    assert "Digitale Agenda" in reader.metadata.title
    assert b"pdfuaid" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Inhalt" in top or "Contents" in top
    assert top.index("Stand der Umsetzung") < top.index("Leitlinien")
    assert any("4.1" in title for title in top)


def test_chapters_come_in_order_and_the_contents_give_the_right_pages(
    agenda_data, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = freeze(editor)
    report = edition.reports.get()
    pages = pdf_pages(report)
    assert len(pages) == report.page_count
    contents = pages[1]
    with translation.override("de"):
        headings = [
            _("State of implementation"),
            _("Introduction"),
            _("Guiding principles"),
            "4.1 Digitale Verwaltung",
            "5.1 Wohnen und Nachbarschaft",
            _("Citizen participation"),
            _("Changes since the previous edition"),
        ]
    order = []
    for heading in headings:
        lines = [ln.strip() for ln in contents.splitlines()]
        line = next((ln for ln in lines if ln.startswith(heading)), None)
        assert line, (heading, contents)
        number = int(line.split(".")[-1].strip())
        # The page the contents name opens with that heading, below the running header.
        top = [ln.strip() for ln in pages[number - 1].splitlines()[:8]]
        assert heading in top, (heading, number, top)
        order.append(number)
    assert order == sorted(order)
    assert len(set(order)) == len(order)


def test_an_edition_stays_as_frozen_when_measures_change_later(agenda_data, editor):
    edition = freeze(editor)
    measure = agenda_data["measures"][0]
    measure.title = "Ganz anders"
    measure.status = Measure.Status.COMPLETED
    measure.save()
    edition.title = "Umbenannt"
    edition.snapshot = {"fields": []}  # even a careless caller cannot rewrite it
    edition.save()
    edition = Edition.objects.get(pk=edition.pk)
    titles = [m["title"] for f in edition.snapshot["fields"] for m in f["measures"]]
    assert "E-Akte einführen" in titles and "Ganz anders" not in titles
    assert edition.title == "Umbenannt"


def test_the_second_edition_lists_exactly_the_edits_since_the_first(
    agenda_data, editor, django_capture_on_commit_callbacks
):
    freeze(editor, "Fassung 2026", datetime.date(2026, 1, 1))
    first, second = agenda_data["measures"][0], agenda_data["measures"][1]
    first.status = Measure.Status.COMPLETED
    first.save()
    second.planned_end = datetime.date(2028, 12, 31)
    second.one_off_cost = second.one_off_cost + 5000
    second.save()
    MeasureFactory(action_field=agenda_data["fields"][0], reference="4.1-3", title="Neu dabei")
    agenda_data["measures"][2].delete()
    with django_capture_on_commit_callbacks(execute=True):
        later = freeze(editor, "Fassung 2027", datetime.date(2027, 1, 1))
    snapshot_old = Edition.objects.get(title="Fassung 2026").snapshot
    changes = compare(select(snapshot_old), select(later.snapshot))
    assert [m["reference"] for m in changes["added"]] == ["4.1-3"]
    assert [m["reference"] for m in changes["removed"]] == ["5.1-1"]
    changed = {
        c["measure"]["reference"]: {x["key"] for x in c["changes"]} for c in changes["changed"]
    }
    assert changed == {"4.1-1": {"status"}, "4.1-2": {"planned_end", "total_cost"}}
    _reader, text = pdf_text(later.reports.get())
    with translation.override("de"):
        heading = _("Changes since the previous edition")
    # Past the contents and the running header: the chapter itself.
    chapter = heading.join(text.split(heading)[2:])
    assert "Neu dabei" in chapter and "Dorffunk" in chapter
    assert "31.12.2028" in chapter


def test_a_report_of_one_field_with_drafts(agenda_data, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(user=editor, field_code="5.1", include_unpublished=True)
    report.refresh_from_db()
    _reader, text = pdf_text(report)
    assert "Dorffunk" in text and "Entwurf" in text
    assert "E-Akte einführen" not in text


def test_rendering_in_a_separate_process_gives_the_same_pages(agenda_data):
    html = render_html(build_snapshot(), audience="public")
    inline = layout_pdf(html, isolated=False)
    pages = []
    isolated = layout_pdf(html, isolated=True, on_page=pages.append)
    assert isolated.pages == inline.pages
    assert pages and max(pages) == inline.pages
    assert isolated.pdf.startswith(b"%PDF")


def test_the_progress_page_and_the_download(
    agenda_data, editor_client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edition = freeze(editor)
    report = edition.reports.get()
    page = editor_client.get(report.get_absolute_url()).content.decode()
    assert "<progress" in page
    status = editor_client.get(reverse("editions:report-status", args=[report.pk])).json()
    assert status["done"] and status["progress"] == 100
    response = editor_client.get(reverse("editions:report-pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_only_adopted_editions_are_public(
    agenda_data, editor, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = freeze(editor, "Entwurfsfassung")
        adopted = freeze(
            editor, "Beschlossen", decision_reference="KT/2026/17", decision_date="2026-06-20"
        )
    listing = client.get(reverse("editions:adopted-list")).content.decode()
    assert "Beschlossen" in listing and "Entwurfsfassung" not in listing
    assert client.get(reverse("editions:adopted-pdf", args=[draft.pk])).status_code == 404
    response = client.get(reverse("editions:adopted-pdf", args=[adopted.pk]))
    assert response.content.startswith(b"%PDF")


def test_the_compare_page_shows_the_changes(agenda_data, editor, editor_client):
    edition = freeze(editor)
    measure = agenda_data["measures"][0]
    measure.status = Measure.Status.COMPLETED
    measure.save()
    page = editor_client.get(reverse("editions:compare"), {"von": edition.pk, "bis": "heute"})
    assert page.status_code == 200
    assert [c["measure"]["reference"] for c in page.context["changes"]["changed"]] == ["4.1-1"]
    assert editor_client.get(reverse("editions:compare"), {"von": "x"}).status_code == 404


def test_a_decision_before_the_reporting_date_is_refused(editor):
    form = EditionForm(
        {"title": "X", "reporting_date": "2026-06-01", "decision_date": "2026-05-01"}
    )
    assert "decision_date" in form.errors


def test_the_demo_agenda_renders(editor, django_capture_on_commit_callbacks):
    call_command("load_demo", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        edition = freeze(editor)
    report = edition.reports.get()
    _reader, text = pdf_text(report)
    for measure in Measure.objects.filter(is_published=True):
        assert measure.reference in text


def test_after_editing_two_demo_measures_the_next_report_lists_exactly_those_edits(
    editor, django_capture_on_commit_callbacks
):
    call_command("load_demo", verbosity=0)
    freeze(editor, "Fassung Frühjahr", datetime.date(2026, 3, 1))
    first = Measure.objects.get(reference="4.1-4")
    first.status = Measure.Status.COMPLETED
    first.save()
    second = Measure.objects.get(reference="5.1-3")
    second.planned_end = datetime.date(2029, 6, 30)
    second.save()
    with django_capture_on_commit_callbacks(execute=True):
        later = freeze(editor, "Fassung Herbst", datetime.date(2026, 9, 1))
    report = later.reports.get()
    pages = pdf_pages(report)
    with translation.override("de"):
        heading = _("Changes since the previous edition")
    chapter = "\n".join(
        page for page in pages if heading in page.splitlines()[0] or heading in page[:400]
    )
    chapter = chapter[chapter.index(heading) :]
    # Lights move with the calendar alone; the edits are listed under "Changed measures".
    with translation.override("de"):
        chapter = chapter[chapter.index(_("Changed measures")) :]
    listed = sorted(set(re.findall(r"\b\d\.\d-\d+\b", chapter)))
    assert listed == ["4.1-4", "5.1-3"]
    assert "30.06.2029" in chapter


@pytest.mark.parametrize("bad", ["²", "x", "99999999999999999999999"])
def test_the_compare_page_refuses_odd_edition_ids_with_a_404(editor_client, bad):
    assert editor_client.get(reverse("editions:compare"), {"von": bad}).status_code == 404
