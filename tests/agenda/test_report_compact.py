"""The compact council edition: the state at a glance, one table row per measure, no profiles."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from agenda.editions import services
from agenda.editions.forms import EditionForm, ReportForm
from agenda.models import Report
from agenda.report.render import layout_pdf, render_html
from agenda.report.snapshot import build_snapshot
from tests.agenda.test_report_audience import pdf_text
from tests.factories import ActionFieldFactory, measure_with_parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def fields():
    first = ActionFieldFactory(code="4.1", title="Digitale Verwaltung")
    second = ActionFieldFactory(code="5.1", title="Wohnen und Nachbarschaft")
    for n in range(5):
        measure_with_parts(action_field=first, reference=f"4.1-{n + 1}", title=f"Akte {n + 1}")
    measure_with_parts(action_field=second, reference="5.1-1", title="Dorffunk")
    return first, second


def table_rows(reader):
    """The number of TR elements of each table in the structure tree, in document order."""
    counts = []

    def walk(node, rows=None):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child, rows)
            return
        if not hasattr(node, "get") or "/S" not in node:
            return
        kind = str(node["/S"])
        if kind == "/Table":
            counts.append(0)
            rows = len(counts) - 1
        elif kind == "/TR" and rows is not None:
            counts[rows] += 1
        if "/K" in node:
            walk(node["/K"], rows)

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return counts


def test_the_compact_pdf_has_one_row_per_measure_no_profiles_and_stays_pdf_ua(fields):
    html = render_html(build_snapshot(), audience="public", compact=True)
    # One row per measure, each the target of its links (the lights chapter links to it).
    for n in range(5):
        assert html.count(f">4.1-{n + 1}</th>") == 1
    assert 'class="profile"' not in html
    rendered = layout_pdf(html, isolated=False)
    reader = PdfReader(io.BytesIO(rendered.pdf))
    text = pdf_text(rendered.pdf)
    for title in ["Akte 1", "Akte 5", "Dorffunk", "Die Maßnahmen auf einen Blick"]:
        assert title in text
    # Nothing of the profiles: no cost table, no milestones, no progress report.
    for profile_only in ["Aufwand und Kosten", "Meilenstein ", "Letzter Sachstandsbericht"]:
        assert profile_only not in text
    # The two field tables are real tables: a header row and one row per measure.
    rows = table_rows(reader)
    assert 1 + 5 in rows and 1 + 1 in rows
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith("de")
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Die Maßnahmen auf einen Blick" in top and "Stand der Umsetzung" in top
    pages = text.split("\f")
    assert f"Seite 1 von {rendered.pages}" in text or f"Seite 2 von {rendered.pages}" in text
    # Far shorter than the full report of the same agenda.
    full = layout_pdf(render_html(build_snapshot(), audience="public"), isolated=False)
    assert rendered.pages < full.pages
    assert len(pages) >= 1


def test_the_contents_give_the_page_of_the_measures_chapter(fields):
    rendered = layout_pdf(
        render_html(build_snapshot(), audience="public", compact=True), isolated=False
    )
    pages = pdf_text(rendered.pdf).split("\f")
    contents = next(p for p in pages if "Inhalt" in p)
    number = int(re.search(r"Die Maßnahmen auf einen Blick\W*(\d+)", contents).group(1))
    assert "Die Maßnahmen auf einen Blick" in pages[number - 1]


def test_the_form_offers_the_extent_and_refuses_a_bad_value_in_german(
    fields, editor_client, django_capture_on_commit_callbacks
):
    form = ReportForm()
    assert [value for value, _label in form.fields["extent"].choices] == ["full", "compact"]
    page = editor_client.get(reverse("editions:edition-list")).content.decode()
    assert "Kompaktfassung für den Rat" in page and "Vollständiger Bericht" in page
    url = reverse("editions:report-create")
    response = editor_client.post(url, {"audience": "public", "extent": "alles"}, follow=True)
    assert "Bitte wählen Sie den vollständigen Bericht oder die Kompaktfassung." in (
        response.content.decode()
    )
    assert not Report.objects.exists()
    # An older page without the choice still gets the full report.
    editor_client.post(url, {"audience": "public"})
    assert Report.objects.get().extent == Report.Extent.FULL
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, {"audience": "public", "extent": "compact"})
    report = Report.objects.latest("id")
    report.refresh_from_db()
    assert report.is_compact and report.is_done
    assert "kompakt" in report.filename
    download = editor_client.get(reverse("editions:report-pdf", args=[report.pk]))
    assert "kompakt" in download["Content-Disposition"]
    assert "Letzter Sachstandsbericht" not in pdf_text(download.content)
    retried = services.retry_report(report=report, user=report.created_by)
    assert retried.is_compact


def test_the_compact_report_needs_the_same_queries_for_6_or_26_measures(
    fields, editor, django_assert_max_num_queries
):
    """The data and HTML of the worker's compact report; its progress writes follow pages."""
    report = services.request_report(user=editor, extent=Report.Extent.COMPACT)

    def html():
        return render_html(audience="public", compact=True, **services.report_inputs(report))

    with django_assert_max_num_queries(30) as small:
        html()
    for n in range(20):
        measure_with_parts(action_field=fields[n % 2], reference=f"9.9-{n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert html().count('<tr><th scope="row" id="m-') == 26


def test_the_public_download_stays_the_full_report_when_a_compact_one_follows(
    fields, editor, client, django_capture_on_commit_callbacks
):
    form = EditionForm(
        {
            "title": "Beschlossen",
            "reporting_date": "2026-06-01",
            "decision_reference": "KT/2026/17",
            "decision_date": "2026-06-20",
        }
    )
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        edition = services.freeze_edition(form=form, user=editor)
        compact = services.request_report(
            user=editor, edition=edition, extent=Report.Extent.COMPACT
        )
    Report.objects.filter(pk=compact.pk).update(
        finished_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)
    )
    response = client.get(reverse("editions:adopted-pdf", args=[edition.pk]))
    assert "kompakt" not in response["Content-Disposition"]
    assert "Letzter Sachstandsbericht" in pdf_text(response.content)
