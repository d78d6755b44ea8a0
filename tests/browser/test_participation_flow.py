"""A citizen hands in an idea through the real form and captcha; staff promote it."""

import re

import pytest
from django.core import mail

from measures.models import Measure
from participation.models import Idea
from strategy.staff import roles
from tests.browser.conftest import log_in
from tests.browser.waits import OUTCOME_MS
from tests.conftest import user_with_role
from tests.factories import ActionFieldFactory, ActorFactory, IdeaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def solve_captcha(page):
    # By keyboard, as a person without a mouse would.
    page.get_by_label("Ich bin kein Roboter").focus()
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => (document.querySelector('input[name=altcha]') || {}).value?.length > 20",
        timeout=OUTCOME_MS,
    )


def test_citizen_hands_in_an_idea_confirms_the_mail_and_staff_promote_it(page):
    field = ActionFieldFactory(title="Bürgerservice", code="5.1")
    ActorFactory(name="Hauptamt")
    user_with_role(roles.EDITORS, username="rita")
    other = IdeaFactory(title="Termine online buchen", action_field=field)

    # The citizen, on the public site, without an account.
    page.goto("/")
    page.get_by_role("link", name="Idee einreichen").first.click()
    page.get_by_label("Idee", exact=True).check()
    page.get_by_role("textbox", name=re.compile("^Titel")).fill(
        "Online-Terminvergabe im Bürgerbüro"
    )
    page.get_by_role("textbox", name=re.compile("^Beschreibung")).fill(
        "Ich möchte Termine im Bürgerbüro online buchen."
    )
    page.get_by_label("Handlungsfeld").select_option(label=str(field))
    page.get_by_role("textbox", name="Name", exact=True).fill("Anna Alt")
    page.get_by_role("textbox", name="E-Mail", exact=True).fill("anna@example.org")
    page.get_by_label(re.compile("verarbeitet")).check()
    solve_captcha(page)
    page.get_by_role("button", name="Idee absenden").click()
    page.wait_for_url("**/ideen/status/**", timeout=OUTCOME_MS)
    assert page.get_by_text("Ihre Idee ist eingegangen").is_visible()
    status_url = page.url

    # The confirmation mail (locmem here, the console in development).
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/ideen/bestaetigen/\S+/", mail.outbox[0].body).group(0)
    page.goto("/ideen/bestaetigen/" + link.split("/ideen/bestaetigen/")[1])
    page.get_by_role("button", name="Adresse bestätigen").click()
    page.wait_for_url(status_url, timeout=OUTCOME_MS)
    assert page.get_by_text("bestätigt", exact=False).first.is_visible()
    assert page.get_by_text("Neu", exact=True).is_visible()
    idea = Idea.objects.get(title="Online-Terminvergabe im Bürgerbüro")
    assert idea.email_confirmed_at is not None

    # Staff find it in the inbox and answer it.
    log_in(page, "rita")
    page.goto("/intern/ideen/")
    page.get_by_role("link", name="Online-Terminvergabe im Bürgerbüro").click()
    page.get_by_label("Stand").select_option("accepted")
    page.get_by_label("Öffentliche Antwort").fill("Gute Idee, wir nehmen sie in die Agenda auf.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/intern/ideen/{idea.pk}/", timeout=OUTCOME_MS)
    assert len(mail.outbox) == 2

    # ... and promote it together with a similar idea into one measure.
    page.goto("/intern/ideen/")
    page.get_by_label("„Online-Terminvergabe im Bürgerbüro“ auswählen").check()
    page.get_by_label("„Termine online buchen“ auswählen").check()
    page.get_by_label("Aktion").select_option("promote")
    with page.expect_navigation(timeout=OUTCOME_MS):
        page.get_by_role("button", name="Ausführen").click()
    # If the inbox came back instead, its message says why.
    assert "/intern/ideen/uebernehmen/" in page.url, page.locator("main").inner_text()
    page.locator("#id_reference").fill("5.1-20")
    page.locator("#id_title").fill("Online-Terminvergabe")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/intern/massnahmen/**", timeout=OUTCOME_MS)
    assert page.get_by_role("heading", name="Aus der Bürgerbeteiligung").is_visible()
    assert page.get_by_role("link", name="Termine online buchen").is_visible()
    assert page.get_by_role("link", name="Online-Terminvergabe im Bürgerbüro").is_visible()

    measure = Measure.objects.get(reference="5.1-20")
    assert set(measure.ideas.values_list("pk", flat=True)) == {idea.pk, other.pk}
    assert [m.subject for m in mail.outbox][-1].startswith("Ihre Idee")

    # The citizen's link shows the measure.
    page.goto(status_url)
    assert page.get_by_text("Online-Terminvergabe", exact=False).first.is_visible()
    assert page.get_by_text("Als Maßnahme übernommen").first.is_visible()

    # Staff go on: edit the new measure, freeze the agenda and download the report.
    page.goto(measure.get_absolute_url())
    page.get_by_role("link", name="Bearbeiten", exact=True).click()
    page.locator("#id_status").select_option("in_progress")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/intern/massnahmen/{measure.pk}/", timeout=OUTCOME_MS)
    # The submitter with a confirmed address hears of the measure's new status.
    assert len(mail.outbox) == 4
    assert "5.1-20" in mail.outbox[-1].subject
    page.goto("/intern/fassungen/neu/")
    page.get_by_label("Titel").fill("Digitale Agenda 2027")
    page.get_by_role("button", name="Agenda jetzt einfrieren").click(timeout=OUTCOME_MS)
    page.wait_for_url("**/intern/fassungen/*/", timeout=OUTCOME_MS)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF herunterladen").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
