"""The Content Security Policy holds in a real browser: nothing on our pages is blocked."""

import pytest

from tests.browser.conftest import log_in
from tests.browser.waits import OUTCOME_MS
from tests.factories import answered_idea, measure_with_parts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_page_trips_the_content_security_policy(page, editor):
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    measure = measure_with_parts()
    idea = answered_idea(measure=measure)
    page.goto("/ideen/neu/")
    # The captcha widget: its script, stylesheet, worker and challenge fetch.
    page.get_by_label("Ich bin kein Roboter").focus()
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => document.querySelector('input[name=altcha]')?.value?.length > 20",
        timeout=OUTCOME_MS,
    )
    for path in [
        "/",
        "/ideen/",
        idea.get_public_url(),
        idea.get_status_url(),
        "/agenda/",
        "/agenda/zeitplan-und-budget/",
        f"/agenda/massnahmen/{measure.reference}/",
        "/datenschutz/",
    ]:
        page.goto(path)
    log_in(page, editor.username)
    for path in ["/intern/", "/intern/massnahmen/", f"/intern/massnahmen/{measure.pk}/bearbeiten/"]:
        page.goto(path)
    # The formset's "add row" button is script too.
    page.get_by_role("button", name="Zeile hinzufügen: Meilensteine").click()
    assert blocked == []
