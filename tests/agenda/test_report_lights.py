"""The council report's chapter "Stand der Umsetzung", the lights in the profiles and in the
changes chapter: from the snapshot, frozen at the reporting date, released reports only."""

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from agenda.editions import services
from agenda.report.diff import compare
from agenda.report.render import layout_pdf, render_html
from agenda.report.snapshot import build_snapshot, select
from measures.models import Measure
from tests.agenda.test_editions import freeze, pdf_pages
from tests.agenda.test_report_text import text_of
from tests.factories import ActionFieldFactory, MeasureFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def steered():
    """4.1-1 late with a released report (and a newer draft), 4.1-2 at risk by hand,
    4.1-3 on track, 5.1-1 completed, 5.1-2 unpublished and late."""
    first = ActionFieldFactory(code="4.1", title="Digitale Verwaltung")
    second = ActionFieldFactory(code="5.1", title="Wohnen")
    late = MeasureFactory(
        action_field=first,
        reference="4.1-1",
        title="E-Akte",
        status="in_progress",
        planned_start=datetime.date(2025, 1, 1),
        planned_end=datetime.date(2026, 4, 1),
        actual_cost=2400,
    )
    ProgressReportFactory(
        measure=late,
        date=datetime.date(2026, 10, 1),
        percent=40,
        problems="Der Dienstleister liefert nicht.",
        next_steps="Neue Ausschreibung im Januar.",
    )
    ProgressReportFactory(
        measure=late, date=datetime.date(2026, 11, 1), percent=90, problems="ENTWURF-GEHEIM",
        released_at=None,
    )  # fmt: skip
    MeasureFactory(
        action_field=first,
        reference="4.1-2",
        title="Portal",
        light_override="at_risk",
        override_reason="Personal fehlt bis März.",
        override_until=datetime.date(2027, 3, 31),
    )
    MeasureFactory(
        action_field=first,
        reference="4.1-3",
        planned_start=datetime.date(2027, 1, 1),
        planned_end=datetime.date(2028, 1, 1),
    )
    MeasureFactory(action_field=second, reference="5.1-1", status="completed")
    MeasureFactory(
        action_field=second, reference="5.1-2", is_published=False,
        planned_end=datetime.date(2026, 1, 1),
    )  # fmt: skip


def measures_of(snapshot):
    return {m["reference"]: m for f in snapshot["fields"] for m in f["measures"]}


def test_the_snapshot_holds_lights_reasons_and_the_released_reports_words(steered):
    snapshot = build_snapshot(today=TODAY)
    measures = measures_of(snapshot)
    late, by_hand = measures["4.1-1"], measures["4.1-2"]
    assert (late["light"], late["light_label"]) == ("delayed", "Verzögert")
    assert late["latest_report"]["problems"] == "Der Dienstleister liefert nicht."
    assert late["latest_report"]["next_steps"] == "Neue Ausschreibung im Januar."
    assert late["progress"] == 40  # the draft's 90 % does not count
    assert late["actual_cost"] == "2400.00"
    assert by_hand["light"] == "at_risk"
    assert (by_hand["override_reason"], by_hand["override_until"]) == (
        "Personal fehlt bis März.",
        "2027-03-31",
    )
    assert measures["4.1-3"]["light"] == "on_track"
    assert "ENTWURF-GEHEIM" not in str(snapshot)
    first = snapshot["fields"][0]["rollups"]
    assert first["published"]["lights"] == {
        "delayed": 1, "at_risk": 1, "on_track": 1, "done": 0, "unrated": 0,
    }  # fmt: skip
    second = snapshot["fields"][1]["rollups"]
    assert second["published"]["measure_count"] == 1
    assert second["all"]["lights"]["delayed"] == 1  # the unpublished one, for internal reports


def test_the_override_runs_out_in_the_snapshot_of_a_later_day(steered):
    later = measures_of(build_snapshot(today=datetime.date(2027, 4, 1)))["4.1-2"]
    assert (later["light"], later["override_reason"], later["override_until"]) == (
        "delayed",
        "",
        None,
    )


def test_an_edition_takes_the_lights_as_of_its_reporting_date(steered, editor):
    # On 1 March 2026 the target date of 4.1-1 had not passed; 40 % of 14 months was due.
    edition = freeze(editor, day=datetime.date(2025, 3, 1))
    assert measures_of(edition.snapshot)["4.1-1"]["light"] == "on_track"
    assert edition.snapshot["lights_as_of"] == "2025-03-01"
    assert measures_of(build_snapshot(today=TODAY))["4.1-1"]["light"] == "delayed"


def test_the_chapter_comes_first_with_the_lights_per_field_and_what_is_late(steered):
    text = text_of(render_html(build_snapshot(today=TODAY), audience="public"))
    chapter = text[text.index("Stand der Umsetzung", text.index("Einleitung")) :]
    assert chapter.index("Stand der Umsetzung") < chapter.index("Einleitung")
    assert "Ampeln je Handlungsfeld" in chapter
    assert "Verzögerte und gefährdete Maßnahmen" in chapter
    late = chapter[chapter.index("Verzögerte und gefährdete") :]
    assert late.index("4.1-1") < late.index("4.1-2")  # delayed before at risk
    assert "Der Dienstleister liefert nicht." in late
    assert "Neue Ausschreibung im Januar." in late
    assert "Personal fehlt bis März." in late
    assert "5.1-2" not in chapter  # unpublished: not in the public report
    assert "ENTWURF-GEHEIM" not in text


def test_the_chart_writes_each_count_beside_its_symbol_and_has_a_table(steered):
    html = render_html(build_snapshot(today=TODAY), audience="public")
    assert 'alt="Für jedes Handlungsfeld' in html
    table = re.search(r'<table class="state-table">(.*?)</table>', html, re.S).group(1)
    rows = [text_of(row).split() for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    # Field, five lights, measures, mean progress …
    assert rows[1][:10] == ["4.1", "Digitale", "Verwaltung", "1", "1", "1", "0", "0", "3", "13"]
    assert rows[-1][:7] == ["Alle", "Handlungsfelder", "1", "1", "1", "1", "0"]


def test_each_profile_shows_its_light_problems_and_next_steps(steered):
    html = render_html(build_snapshot(today=TODAY), audience="public")
    (profile,) = [
        text_of(article)
        for article in re.findall(r'<article class="profile".*?</article>', html, re.S)
        if "4.1-1" in article
    ]
    assert "Ampel ■ Verzögert" in profile
    assert "Probleme und Risiken: Der Dienstleister liefert nicht." in profile
    assert "Nächste Schritte: Neue Ausschreibung im Januar." in profile


def test_the_changes_chapter_lists_light_changes(steered):
    before = build_snapshot(today=datetime.date(2025, 3, 1))
    now = build_snapshot(today=TODAY)
    changes = compare(select(before), select(now))["light_changes"]
    assert [(c["measure"]["reference"], c["old"], c["new"]) for c in changes] == [
        ("4.1-1", "on_track", "delayed"),
    ]  # 4.1-2 was set by hand to "at risk" then already
    text = text_of(render_html(now, audience="public", previous=before))
    changed = text[text.index("Änderungen der Ampel") :]
    assert "4.1-1" in changed and "● Im Plan → ■ Verzögert" in changed


def test_a_snapshot_from_before_the_lights_renders_without_the_chapter(steered):
    snapshot = build_snapshot(today=TODAY)
    for field in snapshot["fields"]:
        field.pop("rollups")
        for measure in field["measures"]:
            measure.pop("light")
    text = text_of(render_html(snapshot, audience="public", previous=snapshot))
    assert "Verzögerte und gefährdete" not in text
    assert "Änderungen der Ampel Keine." in text


def test_the_pdf_reads_back_the_chapter_and_bookmarks_it(steered, editor):
    report = services.request_report(user=editor)
    html = render_html(audience="public", **services.report_inputs(report))
    pdf = layout_pdf(html, isolated=False).pdf
    reader = PdfReader(io.BytesIO(pdf))
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top.index("Stand der Umsetzung") < top.index("Einleitung")

    class Report:
        pass

    Report.pdf = pdf
    text = " ".join(" ".join(page.split()) for page in pdf_pages(Report))
    assert "Stand der Umsetzung" in text
    assert "Verzögerte und gefährdete Maßnahmen" in text
    assert "Der Dienstleister liefert nicht." in text
    assert "Neue Ausschreibung im Januar." in text
    assert "■ Verzögert" in text
    assert Measure.objects.count() == 5


def text_starts(page):
    """Where each run of text on a PDF page begins, in points from the left edge."""
    starts = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            starts.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], text))

    page.extract_text(visitor_text=visit)
    return starts


@pytest.mark.parametrize("compact", [False, True])
def test_no_text_begins_beyond_the_right_margin(steered, editor, compact):
    """The lights table's ten columns once ran 40 mm off the page: nothing the council
    reads may start right of the 16 mm margin."""
    report = services.request_report(user=editor)
    html = render_html(audience="public", compact=compact, **services.report_inputs(report))
    # Without the charts: their SVG text sits in image objects whose own matrix pypdf's
    # positions leave out, and a chart is scaled to its box anyway.
    html = re.sub(r"<img [^>]*>", "", html)
    reader = PdfReader(io.BytesIO(layout_pdf(html, isolated=False).pdf))
    beyond = [
        (number, round(x), text)
        for number, page in enumerate(reader.pages, 1)
        for x, text in text_starts(page)
        if x > float(page.mediabox.width) - 16 * 72 / 25.4
    ]
    assert beyond == []
