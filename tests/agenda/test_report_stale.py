"""A report whose worker died does not stay "being prepared" forever."""

import datetime
import multiprocessing
import os
import signal
import time

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from agenda.editions import services
from agenda.models import Report

pytestmark = pytest.mark.django_db


def _left_by_a_killed_worker(status, minutes_ago, **extra):
    """The row as SIGKILL leaves it: never finished, last sign of life long ago."""
    report = Report.objects.create(status=status, progress=40, stage=services.STAGE_LAYOUT)
    Report.objects.filter(pk=report.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=minutes_ago), **extra
    )
    return report


def test_a_running_report_without_progress_for_too_long_fails_with_a_german_reason(
    editor_client, settings
):
    settings.REPORT_STALE_MINUTES = 10
    report = _left_by_a_killed_worker(Report.Status.RUNNING, 11)
    data = editor_client.get(reverse("editions:report-status", args=[report.pk])).json()
    assert data["failed"] and not data["done"]
    assert "abgebrochen" in data["stage"]
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.finished_at is not None
    page = editor_client.get(report.get_absolute_url()).content.decode()
    assert "abgebrochen" in page
    assert "Erneut erzeugen" in page


def test_a_queued_report_no_worker_took_up_fails_when_the_list_is_read(editor_client, settings):
    settings.REPORT_STALE_MINUTES = 10
    report = _left_by_a_killed_worker(Report.Status.QUEUED, 30, progress=0)
    page = editor_client.get(reverse("editions:edition-list")).content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "Fehlgeschlagen" in page


def test_a_report_that_makes_progress_is_left_alone(editor_client, settings):
    settings.REPORT_STALE_MINUTES = 10
    report = _left_by_a_killed_worker(Report.Status.RUNNING, 9)
    data = editor_client.get(reverse("editions:report-status", args=[report.pk])).json()
    assert not data["failed"]
    report.refresh_from_db()
    assert report.status == Report.Status.RUNNING


def test_every_progress_update_is_a_sign_of_life(editor, django_capture_on_commit_callbacks):
    report = services.request_report(user=editor)
    old = timezone.now() - datetime.timedelta(hours=1)
    Report.objects.filter(pk=report.pk).update(heartbeat_at=old, status=Report.Status.RUNNING)
    services._progress(report.pk, 50, services.STAGE_LAYOUT)
    report.refresh_from_db()
    assert report.heartbeat_at > old + datetime.timedelta(minutes=59)


def test_staff_start_a_failed_report_again_with_the_same_options(editor, editor_client):
    report = _left_by_a_killed_worker(
        Report.Status.FAILED, 60, field_code="4.1", include_unpublished=True, audience="internal"
    )
    response = editor_client.post(reverse("editions:report-retry", args=[report.pk]))
    again = Report.objects.latest("id")
    assert again.pk != report.pk
    assert response.status_code == 302 and response["Location"] == again.get_absolute_url()
    assert (again.field_code, again.include_unpublished, again.audience) == (
        "4.1",
        True,
        "internal",
    )
    assert again.status == Report.Status.QUEUED


def test_a_reader_cannot_start_a_report_again(reader, client):
    client.force_login(reader)
    report = _left_by_a_killed_worker(Report.Status.FAILED, 60)
    assert client.post(reverse("editions:report-retry", args=[report.pk])).status_code == 403
    assert Report.objects.count() == 1


def _render_in_child(report_id):
    services.run_report(report_id)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="a second process cannot reach the in-memory test db"
)
def test_a_worker_killed_mid_render_leaves_a_report_that_turns_failed(
    editor, editor_client, settings
):
    settings.REPORT_RENDER_IN_SUBPROCESS = False
    call_command("load_demo", verbosity=0)
    report = Report.objects.create(created_by=editor)
    connections.close_all()
    child = multiprocessing.get_context("fork").Process(target=_render_in_child, args=(report.pk,))
    child.start()
    deadline = time.monotonic() + 60
    while Report.objects.get(pk=report.pk).status == Report.Status.QUEUED:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    report.refresh_from_db()
    assert report.status == Report.Status.RUNNING
    # Left alone while the time without progress is short ...
    settings.REPORT_STALE_MINUTES = 10
    assert not editor_client.get(reverse("editions:report-status", args=[report.pk])).json()[
        "failed"
    ]
    # ... and failed once it is over.
    settings.REPORT_STALE_MINUTES = 0.01
    time.sleep(1)
    assert editor_client.get(reverse("editions:report-status", args=[report.pk])).json()["failed"]
