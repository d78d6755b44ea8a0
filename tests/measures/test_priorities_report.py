"""The prioritisation chapter of the report, built from the frozen snapshot."""

import xml.etree.ElementTree as ET

import pytest

from agenda.report.render import render_html
from agenda.report.snapshot import build_snapshot
from measures.priorities.report import priorities_snapshot
from tests.factories import MeasureFactory, score_measure

pytestmark = pytest.mark.django_db


def scored(n):
    for i in range(n):
        score_measure(MeasureFactory(), {"Wirkung auf die Ziele": i % 4, "Aufwand": (i + 1) % 4})


def test_the_snapshot_helper_reads_in_a_constant_number_of_queries(
    django_assert_max_num_queries,
):
    scored(2)
    with django_assert_max_num_queries(10) as few:
        priorities_snapshot()
    scored(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = priorities_snapshot()
    assert data["scored"] == 12
    assert len(data["points"]) == 12


def test_the_report_has_a_prioritisation_chapter_with_ranking_and_chart():
    score_measure(
        MeasureFactory(reference="3.1-1", title="Glasfaser"),
        {"Wirkung auf die Ziele": 3, "Aufwand": 0},
    )
    html = render_html(build_snapshot(), audience="public")
    assert 'id="priorities"' in html
    # The contents list the chapter, so PDF readers find it (and its page number).
    assert 'href="#priorities"' in html.split('id="toc"')[1].split("</nav>")[0]
    assert "Glasfaser" in html.split('id="priorities"')[1]
    svg = html.split('id="priorities"')[1].split("<svg")[1].split("</svg>")[0]
    root = ET.fromstring("<svg" + svg + "</svg>")  # noqa: S314 - our own output
    labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "3.1-1" in labels


def test_without_criteria_the_snapshot_has_an_empty_prioritisation():
    from measures.priorities.models import Criterion

    MeasureFactory()
    Criterion.objects.all().delete()
    data = priorities_snapshot()
    assert data["scored"] == 0
    assert data["points"] == []


def test_a_public_report_ranks_only_the_published_measures_it_shows():
    score_measure(
        MeasureFactory(reference="1.1-1", title="Entwurf", is_published=False),
        {"Wirkung auf die Ziele": 3},
    )
    score_measure(MeasureFactory(reference="1.1-2", title="Sichtbar"), {"Wirkung auf die Ziele": 1})
    chapter = render_html(build_snapshot(), audience="public").split('id="priorities"')[1]
    chapter = chapter.split("</section>")[0]
    assert "Sichtbar" in chapter
    assert "Entwurf" not in chapter
