"""Prioritisation pages: scoring form, ranked list, portfolio chart, setting the priority."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from measures.models import Measure
from measures.priorities.chart import portfolio_svg
from measures.priorities.models import Criterion, Score
from tests.factories import MeasureFactory, score_measure

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def test_editors_score_a_measure_on_every_criterion_at_once(editor_client):
    measure = MeasureFactory()
    impact = Criterion.objects.get(axis="impact")
    effort = Criterion.objects.get(axis="effort")
    response = editor_client.post(
        reverse("measures:priority-score", args=[measure.pk]),
        {
            f"c{impact.pk}-value": "3",
            f"c{impact.pk}-reason": "Viele Nutzer",
            f"c{effort.pk}-value": "1",
        },
    )
    assert response.status_code == 302
    assert {s.criterion_id: s.value for s in Score.objects.filter(measure=measure)} == {
        impact.pk: 3,
        effort.pk: 1,
    }
    page = editor_client.get(measure.get_absolute_url()).content.decode()
    assert "Viele Nutzer" in page
    assert reverse("measures:priority-score", args=[measure.pk]) in page


def test_a_value_off_the_scale_is_refused_next_to_the_field_and_kept(editor_client):
    measure = MeasureFactory()
    impact = Criterion.objects.get(axis="impact")
    response = editor_client.post(
        reverse("measures:priority-score", args=[measure.pk]),
        {f"c{impact.pk}-value": "7", f"c{impact.pk}-reason": "Zu hoch gegriffen"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    form = next(f for f in response.context["forms"] if f.criterion == impact)
    assert "value" in form.errors
    assert "Zu hoch gegriffen" in page
    assert not Score.objects.exists()


def test_a_weight_off_the_range_is_refused_on_the_criteria_page(editor_client):
    criteria = list(Criterion.objects.all())
    data = {"form-TOTAL_FORMS": len(criteria), "form-INITIAL_FORMS": len(criteria)}
    for i, c in enumerate(criteria):
        data |= {
            f"form-{i}-id": c.pk,
            f"form-{i}-name": c.name,
            f"form-{i}-weight": "99" if i == 0 else c.weight,
            f"form-{i}-scale": c.scale,
        }
    response = editor_client.post(reverse("measures:priority-criteria"), data)
    assert response.status_code == 200
    assert Criterion.objects.get(pk=criteria[0].pk).weight != 99


def test_the_ranked_list_shows_measures_by_score_in_a_constant_number_of_queries(
    editor_client, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            measure = MeasureFactory()
            score_measure(measure, {"Wirkung auf die Ziele": i % 4, "Aufwand": 1})

    add(3)
    with django_assert_max_num_queries(30) as few:
        editor_client.get(reverse("measures:priority-list"))
    add(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = editor_client.get(reverse("measures:priority-list"))
    assert response.status_code == 200
    assert response.content.decode().count("priority-portfolio") == 1


def test_the_portfolio_chart_is_well_formed_svg_with_a_label_per_measure():
    svg = portfolio_svg(
        [
            {"reference": "1.1-1", "title": "A & B", "impact": 1.0, "effort": 0.0},
            {"reference": "1.1-2", "title": "C", "impact": 0.0, "effort": 1.0},
            {"reference": "1.1-3", "title": "D", "impact": 1.0, "effort": 0.0},
        ]
    )
    root = ET.fromstring(str(svg))  # noqa: S314 - our own output
    assert root.find(f"{SVG}title").text
    assert root.find(f"{SVG}desc").text
    labels = [g for g in root.findall(f"{SVG}g") if g.get("class") == "point"]
    assert sorted(g.find(f"{SVG}text").text for g in labels) == ["1.1-1", "1.1-2", "1.1-3"]
    # The measure's title is user text: isolated (FSI … PDI) inside the tooltip.
    assert labels[0].find(f"{SVG}title").text == "1.1-1 \u2068A & B\u2069"
    spots = [g for g in root.findall(f"{SVG}g") if g.get("class") == "spot"]
    # Two measures with the same values share one circle that counts them.
    assert [s.find(f"{SVG}text").text for s in spots] == ["2", "1"]
    quick = spots[0].find(f"{SVG}circle")
    # High impact and low effort: top left.
    assert float(quick.get("cx")) < 360 and float(quick.get("cy")) < 260


def test_a_crowded_spot_lists_twelve_references_and_counts_the_rest():
    points = [
        {"reference": f"1.1-{n}", "title": "T", "impact": 0.5, "effort": 0.5} for n in range(20)
    ]
    root = ET.fromstring(str(portfolio_svg(points)))  # noqa: S314 - our own output
    labels = [g for g in root.findall(f"{SVG}g") if g.get("class") == "point"]
    assert len(labels) == 11
    assert "+ 9" in ET.tostring(root, encoding="unicode")


def test_setting_the_priority_from_the_score_is_a_post_for_one_measure(editor_client):
    measure = score_measure(
        MeasureFactory(priority=Measure.Priority.LOW), {"Wirkung auf die Ziele": 3}
    )
    response = editor_client.post(
        reverse("measures:priority-set"), {"measure": measure.pk, "version": measure.version}
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.priority == Measure.Priority.HIGH


def test_a_stale_version_leaves_the_priority_alone(editor_client):
    measure = score_measure(
        MeasureFactory(priority=Measure.Priority.LOW), {"Wirkung auf die Ziele": 3}
    )
    Measure.objects.get(pk=measure.pk).save()
    editor_client.post(
        reverse("measures:priority-set"), {"measure": measure.pk, "version": measure.version}
    )
    measure.refresh_from_db()
    assert measure.priority == Measure.Priority.LOW
