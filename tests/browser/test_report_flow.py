"""Staff freeze the demo agenda as an edition, watch the report being made, download it."""

import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from playwright.sync_api import expect

from agenda.editions import services
from agenda.management.commands.run_worker import RetryingWorker
from agenda.models import Report
from strategy.staff import roles
from tests.browser.conftest import log_in
from tests.browser.waits import OUTCOME_MS
from tests.conftest import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_freeze_an_edition_and_download_its_report(page, settings):
    # The real queue: the report waits for a worker, as in production.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.REPORT_RENDER_IN_SUBPROCESS = False
    call_command("load_demo", verbosity=0)
    user_with_role(roles.EDITORS, username="rita")
    log_in(page, "rita")

    page.goto("/intern/fassungen/")
    page.get_by_role("link", name="Neue Fassung einfrieren").click()
    page.get_by_label("Titel").fill("Digitale Agenda 2027")
    page.get_by_role("button", name="Agenda jetzt einfrieren").click(timeout=OUTCOME_MS)
    page.wait_for_url("**/intern/fassungen/*/", timeout=OUTCOME_MS)
    report = Report.objects.get()
    assert report.status == Report.Status.QUEUED

    page.goto(report.get_absolute_url())
    bar = page.locator("progress#report-bar")
    assert bar.is_visible()
    assert page.get_by_role("status").is_visible()

    # The same worker `manage.py run_worker` runs, in a thread of this process (the test
    # database lives here); the command itself installs signal handlers, threads cannot.
    # It retries when the shared in-memory test database reports "table is locked".
    def work():
        try:
            RetryingWorker(
                max_delay=1,
                queue_names=["default"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id="browser-test",
                excluded_queue_names=[],
            ).run()
        finally:
            connection.close()  # the thread's own connection, or the test database stays busy

    worker = threading.Thread(target=work)
    worker.start()
    page.get_by_role("link", name="PDF herunterladen").wait_for(timeout=OUTCOME_MS)
    worker.join()
    assert bar.get_attribute("value") == "100"
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF herunterladen").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    report.refresh_from_db()
    assert report.page_count > 20


def test_the_progress_page_stops_polling_once_the_worker_died(page, settings):
    settings.REPORT_STALE_MINUTES = 10
    user_with_role(roles.EDITORS, username="rita")
    log_in(page, "rita")
    report = Report.objects.create(
        status=Report.Status.RUNNING, progress=40, stage=services.STAGE_LAYOUT, field_code="4.1"
    )
    polls = []
    page.on("request", lambda request: "/stand/" in request.url and polls.append(request.url))
    with page.expect_response(lambda response: "/stand/" in response.url, timeout=OUTCOME_MS):
        page.goto(report.get_absolute_url())
    expect(page.get_by_role("status")).to_contain_text("40 %")
    # What SIGKILL leaves behind once the stale time has passed: running, no sign of life.
    Report.objects.filter(pk=report.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(hours=1)
    )
    expect(page.get_by_role("button", name="Erneut erzeugen")).to_be_visible(timeout=OUTCOME_MS)
    expect(page.get_by_role("status")).to_contain_text("abgebrochen")
    seen = len(polls)
    page.wait_for_timeout(4000)
    assert len(polls) == seen
    page.get_by_role("button", name="Erneut erzeugen").click(timeout=OUTCOME_MS)
    again = Report.objects.latest("id")
    page.wait_for_url(f"**{again.get_absolute_url()}", timeout=OUTCOME_MS)
    assert again.pk != report.pk and again.field_code == "4.1"
