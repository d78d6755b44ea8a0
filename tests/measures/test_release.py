"""Progress reports by departments are drafts until Redaktion releases them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from measures.models import Measure, ProgressReport
from measures.services import file_progress_report, release_progress_reports
from tests.factories import MeasureFactory, ProgressReportFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "measures:progress-release-list"
# Planned over the last and the next 500 days: half the time has elapsed, whatever today is.
HALF_WAY = {
    "status": "in_progress",
    "planned_start": datetime.date.today() - datetime.timedelta(days=500),
    "planned_end": datetime.date.today() + datetime.timedelta(days=500),
}


def report_data(**overrides):
    data = {
        "date": datetime.date.today().isoformat(),
        "percent": "55",
        "text": "Halbzeit erreicht.",
        "problems": "Zwei Schulen ohne Glasfaser.",
        "next_steps": "Vergabe der Restarbeiten.",
    }
    data.update(overrides)
    return data


def light_of(measure):
    return Measure.objects.with_light().get(pk=measure.pk).light


@pytest.fixture
def own_measure(department):
    return MeasureFactory(contact_person=department, title="Schulnetz", **HALF_WAY)


def test_a_department_report_is_a_draft_and_moves_the_light_only_after_release(
    client, department, editor, own_measure
):
    assert light_of(own_measure) == "delayed"  # 0 % at half time
    client.force_login(department)
    response = client.post(
        reverse("measures:progress-create", args=[own_measure.pk]), report_data()
    )
    assert response.status_code == 302
    draft = own_measure.progress_reports.get()
    assert (draft.released_at, draft.released_by, draft.author) == (None, None, department)
    assert (draft.problems, draft.next_steps) == (
        "Zwei Schulen ohne Glasfaser.",
        "Vergabe der Restarbeiten.",
    )
    assert light_of(own_measure) == "delayed"
    html = client.get(own_measure.get_absolute_url()).content.decode()
    assert "Entwurf – wartet auf Freigabe" in html
    assert "Zwei Schulen ohne Glasfaser." in html

    # The department may not release, not even its own report.
    assert client.get(reverse(QUEUE)).status_code == 403
    assert client.post(reverse(QUEUE), {"reports": [draft.pk]}).status_code == 403
    draft.refresh_from_db()
    assert draft.released_at is None

    client.force_login(editor)
    response = client.post(reverse(QUEUE), {"reports": [draft.pk]}, follow=True)
    assert "1 Sachstand wurde freigegeben." in response.content.decode()
    draft.refresh_from_db()
    assert draft.released_by == editor and draft.released_at is not None
    assert light_of(own_measure) == "on_track"


def test_a_report_by_redaktion_is_released_at_once(editor_client, editor):
    measure = MeasureFactory(**HALF_WAY)
    editor_client.post(reverse("measures:progress-create", args=[measure.pk]), report_data())
    report = measure.progress_reports.get()
    assert report.is_released and report.released_by == editor
    assert light_of(measure) == "on_track"


def test_the_form_labels_the_date_stand_zum(editor_client):
    measure = MeasureFactory()
    html = editor_client.get(reverse("measures:progress-create", args=[measure.pk])).content
    html = html.decode()
    for label in ["Stand zum", "Probleme und Risiken", "Nächste Schritte"]:
        assert label in html


def test_the_queue_lists_drafts_and_releases_the_ticked_ones_together(editor_client, editor):
    author = UserFactory(first_name="Falk", last_name="Fach")
    drafts = [
        ProgressReportFactory(
            measure=MeasureFactory(title=f"Maßnahme {i}"),
            author=author,
            released_at=None,
            problems=f"Problem {i}",
            next_steps=f"Schritt {i}",
        )
        for i in range(3)
    ]
    released = ProgressReportFactory(text="Schon freigegeben")
    html = editor_client.get(reverse(QUEUE)).content.decode()
    for i in range(3):
        assert f"Problem {i}" in html and f"Schritt {i}" in html
    assert "Falk Fach" in html
    assert "01.03.2026" in html  # Stand zum
    assert "Schon freigegeben" not in html

    response = editor_client.post(reverse(QUEUE), {"reports": [drafts[0].pk, drafts[2].pk]})
    assert response.status_code == 302
    assert set(ProgressReport.objects.drafts()) == {drafts[1]}
    released.refresh_from_db()
    assert released.released_by is None  # untouched


def test_releasing_nothing_or_a_vanished_report_is_explained(editor_client):
    draft = ProgressReportFactory(released_at=None)
    response = editor_client.post(reverse(QUEUE), {}, follow=True)
    assert "Bitte wählen Sie die Sachstände aus" in response.content.decode()
    response = editor_client.post(reverse(QUEUE), {"reports": [draft.pk, 999999]}, follow=True)
    assert "in der Zwischenzeit freigegeben oder gelöscht" in response.content.decode()
    response = editor_client.post(reverse(QUEUE), {"reports": ["1e9999"]}, follow=True)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.released_at is None  # nothing released half


def test_the_service_releases_each_draft_once(editor):
    draft = ProgressReportFactory(released_at=None)
    assert release_progress_reports(reports=[draft], user=editor) == [draft]
    first = ProgressReport.objects.get(pk=draft.pk).released_at
    assert release_progress_reports(reports=[draft], user=editor) == []
    assert ProgressReport.objects.get(pk=draft.pk).released_at == first


def test_the_service_refuses_users_without_the_right(department, reader):
    draft = ProgressReportFactory(released_at=None)
    for user in (department, reader):
        with pytest.raises(PermissionDenied):
            release_progress_reports(reports=[draft], user=user)
    draft.refresh_from_db()
    assert draft.released_at is None


def test_filing_a_report_depends_on_the_right_to_release(department, admin_user_role):
    measure = MeasureFactory()
    draft = file_progress_report(
        report=ProgressReport(date=datetime.date(2026, 1, 1), percent=10, text="x"),
        measure=measure,
        user=department,
    )
    released = file_progress_report(
        report=ProgressReport(date=datetime.date(2026, 1, 1), percent=10, text="x"),
        measure=measure,
        user=admin_user_role,
    )
    assert not draft.is_released
    assert released.is_released and released.released_by == admin_user_role


def test_the_navigation_counts_the_drafts_for_those_who_release(client, editor, department):
    ProgressReportFactory.create_batch(2, released_at=None)
    ProgressReportFactory()
    client.force_login(editor)
    html = client.get(reverse("dashboard")).content.decode()
    assert reverse(QUEUE) in html
    assert "Freigaben" in html and "2<span" in html
    client.force_login(department)
    html = client.get(reverse("dashboard")).content.decode()
    assert reverse(QUEUE) not in html


@pytest.mark.parametrize("count", [3, 30])
def test_the_queue_keeps_its_query_bound(editor_client, django_assert_max_num_queries, count):
    for _ in range(count):
        ProgressReportFactory(released_at=None, author=UserFactory())
    # Session, user, 2 permission lookups, the count, the page and the navigation's count.
    with django_assert_max_num_queries(7):
        response = editor_client.get(reverse(QUEUE))
    assert len(response.context["object_list"]) == count
