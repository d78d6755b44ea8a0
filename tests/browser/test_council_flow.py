"""Staff link a measure to a paper from the local OParl server in a real browser."""

import re

import pytest

from agenda.models import SiteProfile
from tests.browser.conftest import log_in
from tests.factories import MeasureFactory, score_measure
from tests.oparl_server import OParlServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def link_a_paper(page, editor, measure, query):
    """Log in, search the local council system from the measure's page, link the one paper."""
    with OParlServer() as server:
        SiteProfile.objects.update_or_create(
            pk=1, defaults={"name": "Ämterverbund", "oparl_system_url": server.url("system")}
        )
        log_in(page, editor.username)
        page.goto(f"/intern/massnahmen/{measure.pk}/")
        page.get_by_role("link", name="Aus dem Ratsinformationssystem verknüpfen").click()
        page.get_by_label("Drucksachennummer, Titel oder Adresse der Vorlage").fill(query)
        page.get_by_role("button", name="Suche", exact=True).click()
        page.get_by_role("button", name=re.compile("Diese Vorlage verknüpfen")).click()
        page.wait_for_url(f"**/intern/massnahmen/{measure.pk}/")


def test_editor_links_a_measure_to_a_paper_and_the_public_sees_the_decision(page, editor):
    measure = MeasureFactory(reference="4.1-4", title="E-Akte einführen", is_published=True)
    link_a_paper(page, editor, measure, "E-Akte")
    decisions = page.locator("#decisions-h").locator("..")
    assert "geändert beschlossen" in decisions.inner_text()
    assert "Hauptausschuss Krempermarsch" in decisions.inner_text()
    page.goto(f"/agenda/massnahmen/{measure.reference}/")
    public = page.locator("#decisions-h").locator("..")
    assert "DS/2026/021" in public.inner_text()
    assert "Schulungen auf zwei Jahre" in public.inner_text()


def test_editor_links_a_paper_scores_the_measure_and_sees_it_ranked(page, editor):
    """The issue's whole staff path: council paper, scores, ranked list, in one browser."""
    rival = MeasureFactory(reference="4.2-1", title="Breitband für alle Schulen")
    score_measure(rival, {"Wirkung auf die Ziele": 2, "Dringlichkeit": 1, "Aufwand": 2})
    measure = MeasureFactory(reference="4.1-4", title="E-Akte einführen")
    link_a_paper(page, editor, measure, "DS/2026/021")
    assert "DS/2026/021" in page.locator("#decisions-h").locator("..").inner_text()

    page.get_by_role("link", name="Maßnahme bewerten").click()
    page.get_by_label("Wirkung auf die Ziele").select_option("3")
    page.get_by_label("Dringlichkeit").select_option("3")
    page.get_by_label("Aufwand").select_option("1")
    page.get_by_role("group", name="Wirkung auf die Ziele").get_by_label("Begründung").fill(
        "Vom Hauptausschuss beschlossen, trägt zu drei Zielen bei."
    )
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/intern/massnahmen/{measure.pk}/")
    card = page.locator("#priority-h").locator("..").locator("..")
    assert "Platz 1 von 2" in card.inner_text()

    page.goto("/intern/prioritaeten/")
    rows = page.locator("table tbody tr")
    assert rows.nth(0).inner_text().split()[:2] == ["1", "4.1-4"]
    assert rows.nth(1).inner_text().split()[:2] == ["2", "4.2-1"]
