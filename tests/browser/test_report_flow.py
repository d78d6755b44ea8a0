"""Staff freeze the demo agenda as an edition, watch the report being made, download it."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker

from agenda.models import Report
from strategy.staff import roles
from tests.browser.conftest import log_in
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
    page.get_by_role("button", name="Agenda jetzt einfrieren").click()
    page.wait_for_url("**/intern/fassungen/*/")
    report = Report.objects.get()
    assert report.status == Report.Status.QUEUED

    page.goto(report.get_absolute_url())
    bar = page.locator("progress#report-bar")
    assert bar.is_visible()
    assert page.get_by_role("status").is_visible()

    # The same worker `manage.py db_worker` runs, in a thread of this process (the test
    # database lives here); the command itself installs signal handlers, threads cannot.
    def work():
        try:
            Worker(
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
    page.get_by_role("link", name="PDF herunterladen").wait_for(timeout=120_000)
    worker.join()
    assert bar.get_attribute("value") == "100"
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF herunterladen").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    report.refresh_from_db()
    assert report.page_count > 20
