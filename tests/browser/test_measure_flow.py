"""A member of staff builds a measure in a real browser, finds it and sees its history."""

import pytest

from measures.models import Measure
from tests.browser.conftest import log_in
from tests.browser.waits import OUTCOME_MS
from tests.factories import ActionFieldFactory, ActorFactory, FundingProgrammeFactory, GoalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_row(page, prefix, index, values):
    for name, value in values.items():
        locator = page.locator(f"#id_{prefix}-{index}-{name}")
        if locator.evaluate("e => e.tagName") == "SELECT":
            locator.select_option(label=value)
        else:
            locator.fill(value)


def test_editor_creates_finds_and_edits_a_measure(page, editor):
    field = ActionFieldFactory(code="5.1", title="Wohnen und Nachbarschaft")
    GoalFactory(action_field=field, title="Das Ehrenamt stärken")
    ActorFactory(name="Amt Wilstermarsch")
    ActorFactory(name="Seniorenbeirat", kind="association")
    FundingProgrammeFactory(name="Landesprogramm Digitalisierung", level="state")
    log_in(page, editor.username)

    page.get_by_role("link", name="Maßnahmen", exact=True).first.click()
    page.get_by_role("link", name="Maßnahme anlegen").click()
    page.get_by_label("Kennung").fill("5.1-7")
    page.locator("#id_title").fill("Dorffunk in allen Gemeinden")
    page.get_by_label("Handlungsfeld").select_option(label="5.1 Wohnen und Nachbarschaft")
    page.get_by_label("Das Ehrenamt stärken").check()
    page.get_by_label("Einmalige Kosten (EUR)").fill("12.500")
    page.get_by_label("Geplanter Beginn").fill("2027-01-01")
    page.get_by_label("Zieltermin").fill("2027-12-31")

    fill_row(page, "milestones", 0, {"title": "Ausschreibung", "due_date": "2027-02-01"})
    page.get_by_role("button", name="Zeile hinzufügen: Meilensteine").click()
    fill_row(page, "milestones", 1, {"title": "Start der App", "due_date": "2027-09-01"})

    fill_row(
        page,
        "funding",
        0,
        {
            "source": "Land",
            "programme": "Landesprogramm Digitalisierung",
            "amount": "8.000",
            "status": "Bewilligt",
        },
    )
    page.get_by_role("button", name="Zeile hinzufügen: Finanzierung").click()
    fill_row(page, "funding", 1, {"source": "Eigenmittel", "amount": "4.500"})

    fill_row(page, "actors", 0, {"actor": "Amt Wilstermarsch", "contribution": "Projektleitung"})
    page.get_by_role("button", name="Zeile hinzufügen: Beteiligte Akteure und ihr Beitrag").click()
    fill_row(page, "actors", 1, {"actor": "Seniorenbeirat", "contribution": "Schulungen"})
    page.get_by_role("button", name="Maßnahme speichern").click()

    page.wait_for_url("**/intern/massnahmen/*/", timeout=OUTCOME_MS)
    body = page.locator("main").inner_text().replace("\xa0", " ")
    for text in [
        "Dorffunk in allen Gemeinden",
        "Ausschreibung",
        "Start der App",
        "Landesprogramm Digitalisierung",
        "Seniorenbeirat",
        "12.500 €",
        "8.000 €",
    ]:
        assert text in body
    measure = Measure.objects.get(reference="5.1-7")
    assert measure.milestones.count() == 2
    assert measure.funding_lines.count() == 2
    assert measure.participations.count() == 2

    # Find it again through the list filters.
    page.get_by_role("link", name="Maßnahmen", exact=True).first.click()
    page.get_by_label("Suche").fill("Dorffunk")
    page.locator("#id_action_field").select_option(label="5.1 Wohnen und Nachbarschaft")
    page.get_by_role("button", name="Filter anwenden").click()
    assert "q=Dorffunk" in page.url
    page.get_by_role("link", name="Dorffunk in allen Gemeinden").click()

    # Edit it; the history names the change.
    page.get_by_role("link", name="Bearbeiten").click()
    page.locator("#id_status").select_option(label="In Umsetzung")
    page.get_by_role("button", name="Maßnahme speichern").click()
    page.wait_for_url(f"**{measure.get_absolute_url()}", timeout=OUTCOME_MS)
    history = " ".join(page.locator("#hist-h + *").inner_text().split())
    assert f"{editor.get_full_name()} · Maßnahme geändert Status: Idee → In Umsetzung" in history
    assert "Maßnahme angelegt" in history
