"""A Fachbereich member reports on three measures from “Meine Aufgaben” in one form; then
Redaktion releases the drafts."""

import re

import pytest
from django.urls import reverse

from measures.models import ProgressReport
from tests.browser.conftest import log_in
from tests.browser.waits import OUTCOME_MS
from tests.factories import MeasureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFERENCES = ["6.1-1", "6.1-2", "6.1-3"]


def report_on_three_measures(page, department):
    measures = [
        MeasureFactory(contact_person=department, status="planned", reference=ref)
        for ref in REFERENCES
    ]
    log_in(page, department.username)
    page.get_by_role("link", name="Meine Aufgaben").first.click()
    page.wait_for_url("**/intern/aufgaben/")
    assert page.get_by_role("heading", name=re.compile("Fällige Sachstände")).is_visible()
    # Never reported: all three are due, in reference order.
    for index, ref in enumerate(REFERENCES):
        assert ref in page.locator(f"#row-{index} legend").inner_text()
        page.locator(f"#id_form-{index}-status").select_option(label="In Umsetzung")
        page.locator(f"#id_form-{index}-percent").fill(str(20 + index))
        page.locator(f"#id_form-{index}-text").fill(f"Stand {ref}")
        page.locator(f"#id_form-{index}-next_steps").fill("Vergabe")
    page.get_by_role("button", name="Alle Sachstände speichern").click()
    page.get_by_text("3 Sachstände wurden gespeichert.").wait_for(timeout=OUTCOME_MS)
    reports = ProgressReport.objects.filter(measure__in=measures)
    assert sorted(reports.values_list("percent", flat=True)) == [20, 21, 22]
    assert set(reports.values_list("released_at", flat=True)) == {None}
    return measures


def test_fachbereich_reports_on_three_measures_and_redaktion_releases_them(
    page, browser, live_server, department, editor
):
    measures = report_on_three_measures(page, department)
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    redaktion = context.new_page()
    log_in(redaktion, editor.username)
    redaktion.goto(reverse("measures:progress-release-list"))
    for ref in REFERENCES:
        redaktion.get_by_role("checkbox", name=re.compile(re.escape(ref))).check()
    redaktion.get_by_role("button", name="Freigeben").click()
    redaktion.wait_for_load_state()
    for _ in range(OUTCOME_MS // 500):
        if not ProgressReport.objects.drafts().filter(measure__in=measures).exists():
            break
        redaktion.wait_for_timeout(500)
    assert not ProgressReport.objects.drafts().filter(measure__in=measures).exists()
    # Released, the report is the measure's public state.
    redaktion.goto(reverse("public:measure-detail", args=[REFERENCES[0]]))
    assert redaktion.get_by_text(f"Stand {REFERENCES[0]}").is_visible()
    context.close()
