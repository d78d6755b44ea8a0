"""Dependencies on the measure pages, in the lists, the timelines and the report."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from agenda.report import charts
from agenda.report.snapshot import all_measures, build_snapshot
from measures.dependencies.models import Dependency
from measures.dependencies.services import add_dependency
from tests.factories import (
    ActionFieldFactory,
    DependencyFactory,
    MeasureFactory,
    measure_with_parts,
)

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def create_url(measure):
    return reverse("measures:measure-dependency-create", args=[measure.pk])


def late_prerequisite(**kwargs):
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    return MeasureFactory(
        status="in_progress",
        planned_start=yesterday - datetime.timedelta(days=200),
        planned_end=yesterday,
        **kwargs,
    )


def test_staff_add_a_prerequisite_and_see_it_with_the_flag(editor_client):
    before = late_prerequisite(reference="4.2-1", title="Breitband")
    after = MeasureFactory(reference="5.7-1", title="Videosprechstunde")
    response = editor_client.post(
        create_url(after), {"prerequisite": before.pk, "note": "Erst das Netz"}
    )
    assert response.status_code == 302
    link = Dependency.objects.get()
    assert (link.prerequisite, link.dependant, link.note) == (before, after, "Erst das Netz")
    html = editor_client.get(after.get_absolute_url()).content.decode()
    assert "Abhängigkeit gefährdet" in html
    assert "4.2-1 ist verzögert" in html
    assert "Erst das Netz" in html
    waiting = editor_client.get(before.get_absolute_url()).content.decode()
    assert "Wartet auf diese Maßnahme" in waiting and "5.7-1" in waiting


def test_a_cycle_is_explained_next_to_the_field_and_the_note_is_kept(editor_client):
    a, b = MeasureFactory(reference="4.1-1"), MeasureFactory(reference="4.3-2")
    add_dependency(prerequisite=a, dependant=b)
    response = editor_client.post(create_url(a), {"prerequisite": b.pk, "note": "Mein Hinweis"})
    assert response.status_code == 200
    html = response.content.decode()
    error = html.index("4.3-2 hängt bereits von dieser Maßnahme ab.")
    assert html.index('for="id_prerequisite"') < error < html.index('name="note"')
    assert 'value="Mein Hinweis"' in html
    assert Dependency.objects.count() == 1


def test_a_missing_or_unknown_choice_is_refused_without_a_500(editor_client):
    measure = MeasureFactory()
    for value in ("", "99999999999999999999", str(measure.pk)):
        response = editor_client.post(create_url(measure), {"prerequisite": value})
        assert response.status_code == 200
    assert Dependency.objects.count() == 0


def test_staff_remove_a_dependency(editor_client):
    link = DependencyFactory()
    url = reverse("measures:dependency-delete", args=[link.pk])
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == link.dependant.get_absolute_url()
    assert not Dependency.objects.exists()


def test_a_department_member_cannot_link_a_colleagues_measure(client, department):
    foreign = MeasureFactory()
    other = MeasureFactory()
    client.force_login(department)
    response = client.post(create_url(foreign), {"prerequisite": other.pk})
    assert response.status_code == 403
    assert not Dependency.objects.exists()


def test_the_public_page_lists_published_dependencies_only(client):
    measure = MeasureFactory(reference="5.7-1")
    DependencyFactory(prerequisite=MeasureFactory(reference="4.2-1"), dependant=measure)
    DependencyFactory(
        prerequisite=MeasureFactory(reference="4.2-9", is_published=False), dependant=measure
    )
    html = client.get(reverse("public:measure-detail", args=["5.7-1"])).content.decode()
    assert "Setzt voraus" in html
    assert "4.2-1" in html
    assert "4.2-9" not in html
    assert "abhaengigkeiten" not in html  # no add or remove links


@pytest.mark.parametrize("count", [5, 100])
def test_the_measure_list_query_count_does_not_grow_with_dependencies(
    editor_client, django_assert_max_num_queries, count
):
    field = ActionFieldFactory()
    previous = None
    for _ in range(count):
        measure = MeasureFactory(action_field=field)
        if previous is not None:
            DependencyFactory(prerequisite=previous, dependant=measure)
        previous = measure
    with django_assert_max_num_queries(14):
        response = editor_client.get(reverse("measures:measure-list"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_the_snapshot_query_count_does_not_grow_with_dependencies(
    django_assert_max_num_queries, count
):
    field = ActionFieldFactory()
    first = measure_with_parts(action_field=field)
    for _ in range(count):
        DependencyFactory(prerequisite=first, dependant=measure_with_parts(action_field=field))
    with django_assert_max_num_queries(30):
        build_snapshot()


def test_the_snapshot_carries_the_dependencies_and_the_flag():
    before = late_prerequisite(reference="4.2-1")
    after = MeasureFactory(reference="5.7-1", planned_start=datetime.date.today())
    DependencyFactory(prerequisite=before, dependant=after)
    measures = {m["reference"]: m for m in all_measures(build_snapshot())}
    assert measures["5.7-1"]["prerequisites"] == ["4.2-1"]
    assert measures["5.7-1"]["dependency_at_risk"] is True
    assert measures["4.2-1"]["prerequisites"] == []
    assert measures["4.2-1"]["dependency_at_risk"] is False


def arrows(svg):
    root = ET.fromstring(svg)  # noqa: S314 - our own SVG
    return [
        path.find(f"{SVG}title").text
        for path in root.iter(f"{SVG}path")
        if path.get("class") == "dependency-arrow"
    ]


def test_the_field_timeline_draws_arrows_and_marks_prerequisites_in_other_fields():
    net = ActionFieldFactory(code="4.2")
    health = ActionFieldFactory(code="5.7")
    broadband = MeasureFactory(
        reference="4.2-1",
        action_field=net,
        planned_start=datetime.date(2026, 1, 1),
        planned_end=datetime.date(2026, 12, 31),
    )
    fibre = MeasureFactory(
        reference="4.2-2",
        action_field=net,
        planned_start=datetime.date(2027, 1, 1),
        planned_end=datetime.date(2027, 12, 31),
    )
    video = MeasureFactory(
        reference="5.7-1",
        action_field=health,
        planned_start=datetime.date(2027, 1, 1),
        planned_end=datetime.date(2028, 6, 30),
    )
    DependencyFactory(prerequisite=broadband, dependant=video)
    DependencyFactory(prerequisite=broadband, dependant=fibre)
    snapshot = build_snapshot()
    # The overview counts measures per field and year: an arrow there would join two counts.
    assert arrows(charts.timeline(snapshot).svg) == []
    net_chart = charts.field_timeline(next(f for f in snapshot["fields"] if f["code"] == "4.2"))
    assert arrows(net_chart.svg) == ["4.2-1 vor 4.2-2"]
    assert "Pfeile" in net_chart.description
    health_chart = charts.field_timeline(next(f for f in snapshot["fields"] if f["code"] == "5.7"))
    assert arrows(health_chart.svg) == []
    root = ET.fromstring(health_chart.svg)  # noqa: S314 - our own output
    markers = [p for p in root.iter(f"{SVG}path") if p.get("class") == "dependency-marker"]
    assert [m.find(f"{SVG}title").text for m in markers] == ["4.2-1 vor 5.7-1"]
    assert "rotes Dreieck" in health_chart.description


def test_a_snapshot_from_before_dependencies_still_draws():
    measure_with_parts()
    snapshot = build_snapshot()
    for measure in all_measures(snapshot):
        del measure["prerequisites"]
    assert arrows(charts.timeline(snapshot).svg) == []
    assert arrows(charts.field_timeline(snapshot["fields"][0]).svg) == []


def test_the_report_profile_shows_the_prerequisites_and_the_flag():
    from agenda.report.render import render_html

    before = late_prerequisite(reference="4.2-1")
    after = MeasureFactory(reference="5.7-1", planned_start=datetime.date.today())
    DependencyFactory(prerequisite=before, dependant=after)
    html = render_html(build_snapshot(), audience="public")
    assert "Setzt voraus" in html
    assert "Abhängigkeit gefährdet" in html
