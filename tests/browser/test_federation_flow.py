"""A federation in the browser: each member's Redaktion acts for its own member only.

Amt Wilstermarsch adds a local measure and answers an idea addressed to it; Amt Schenefeld
can do neither; the root's Redaktion sees both.
"""

import re
from contextlib import contextmanager

import pytest

from measures.models import Measure, StaffProfile
from participation.models import Idea
from strategy.staff import roles
from tests.browser.conftest import log_in
from tests.browser.waits import OUTCOME_MS
from tests.conftest import user_with_role
from tests.factories import ActionFieldFactory, IdeaFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE_TITLE = "Dorfladen in der Wilstermarsch"
IDEA_TITLE = "Bürgerbus für die Marsch"
ANSWER = "Der Bürgerbus fährt ab 2027 zweimal die Woche."
# What a hand-made request could send: another member's id as the lead.
FORGE_CHOICE = "(s, pk) => { s.add(new Option('Amt Wilstermarsch', pk)); s.value = pk; }"


@pytest.fixture
def federation(db):
    root = OrganisationFactory(
        name="Verbund der Ämter", short_name="Verbund", slug="verbund", kind="verbund",
        parent=None,
    )  # fmt: skip
    wilster = OrganisationFactory(name="Amt Wilstermarsch", slug="wilstermarsch", parent=root)
    schenefeld = OrganisationFactory(name="Amt Schenefeld", slug="schenefeld", parent=root)
    for organisation, username in [
        (root, "redaktion-verbund"),
        (wilster, "redaktion-wilster"),
        (schenefeld, "redaktion-schenefeld"),
    ]:
        user = user_with_role(roles.EDITORS, username=username)
        StaffProfile.objects.create(user=user, organisation=organisation)
    field = ActionFieldFactory(code="5.1", title="Wohnen und Nachbarschaft")
    idea = IdeaFactory(
        title=IDEA_TITLE,
        action_field=field,
        organisation=wilster,
        email="anna@example.org",
        consent_processing=True,
    )
    return {"root": root, "wilster": wilster, "schenefeld": schenefeld, "field": field,
            "idea": idea}  # fmt: skip


@contextmanager
def session_of(browser, live_server, username):
    """A browser of its own per person: nobody inherits another's login."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        log_in(page, username)
        yield page
    finally:
        context.close()


def main_text(page):
    return re.sub(r"\s+", " ", page.locator("main").inner_text().replace("\xa0", " "))


def lead_choices(page):
    return [
        text.strip()
        for text in page.locator("#id_lead_organisation option").all_inner_texts()
        if text.strip() and not text.startswith("---")
    ]


def fill_measure(page, reference, title, field):
    page.get_by_label("Kennung").fill(reference)
    page.locator("#id_title").fill(title)
    page.get_by_label("Handlungsfeld").select_option(label=str(field))


def test_a_member_acts_for_itself_another_member_cannot_and_the_root_sees_both(
    browser, live_server, federation
):
    wilster, schenefeld = federation["wilster"], federation["schenefeld"]
    field, idea = federation["field"], federation["idea"]

    # Redaktion of Amt Wilstermarsch: a local measure, led by its own Amt.
    with session_of(browser, live_server, "redaktion-wilster") as page:
        page.goto("/intern/massnahmen/neu/")
        assert lead_choices(page) == ["Amt Wilstermarsch"]
        fill_measure(page, "5.1-30", MEASURE_TITLE, field)
        page.get_by_label("Federführende Körperschaft").select_option(label="Amt Wilstermarsch")
        page.get_by_role("button", name="Maßnahme speichern").click()
        page.wait_for_url(re.compile(r".*/intern/massnahmen/\d+/$"), timeout=OUTCOME_MS)
        measure = Measure.objects.get(reference="5.1-30")
        assert measure.lead_organisation == wilster
        assert page.get_by_role("link", name="Bearbeiten", exact=True).is_visible()

        # ... and the idea addressed to it, through the moderation page.
        page.goto("/intern/ideen/")
        page.get_by_role("link", name=IDEA_TITLE).click()
        page.get_by_label("Stand").select_option("accepted")
        page.get_by_label("Öffentliche Antwort").fill(ANSWER)
        page.get_by_role("button", name="Speichern").click()
        page.wait_for_url(f"**/intern/ideen/{idea.pk}/", timeout=OUTCOME_MS)
        idea.refresh_from_db()
        assert idea.state == Idea.State.ACCEPTED and idea.public_answer == ANSWER

    # The citizen's status link and the public page name who answers.
    page = browser.new_page(base_url=live_server.url, locale="de-DE")
    try:
        page.goto(idea.get_status_url())
        status = main_text(page)
        assert re.search(r"Es antwortet:? Amt Wilstermarsch", status), status
        assert ANSWER in status
        page.goto(idea.get_public_url())
        assert "Es antwortet: Amt Wilstermarsch" in main_text(page)
    finally:
        page.close()

    # Redaktion of Amt Schenefeld: neither the measure nor the idea is its to change.
    with session_of(browser, live_server, "redaktion-schenefeld") as page:
        response = page.goto(f"/intern/massnahmen/{measure.pk}/")
        if response.status == 200:
            assert page.get_by_role("link", name="Bearbeiten", exact=True).count() == 0
        assert page.goto(f"/intern/massnahmen/{measure.pk}/bearbeiten/").status == 403

        page.goto("/intern/ideen/")
        assert IDEA_TITLE not in main_text(page)
        assert page.goto(f"/intern/ideen/{idea.pk}/").status in (403, 404)
        assert page.goto(f"/intern/ideen/{idea.pk}/antworten/").status in (403, 404)

        # Its form offers only its own Amt as lead ...
        page.goto("/intern/massnahmen/neu/")
        assert lead_choices(page) == ["Amt Schenefeld"]
        # ... and refuses Wilstermarsch even when the choice is forged into the page.
        fill_measure(page, "5.1-31", "Fremde Maßnahme", field)
        page.locator("#id_lead_organisation").evaluate(FORGE_CHOICE, str(wilster.pk))
        with page.expect_navigation(timeout=OUTCOME_MS):
            page.get_by_role("button", name="Maßnahme speichern").click()
        assert "/intern/massnahmen/neu/" in page.url
        assert page.locator("#id_lead_organisation.kern-form-input__select--error").count() == 1
        assert not Measure.objects.filter(reference="5.1-31").exists()
        idea.refresh_from_db()
        assert idea.public_answer == ANSWER
    assert Measure.objects.get(pk=measure.pk).lead_organisation == wilster
    assert schenefeld.led_measures.count() == 0

    # The root's Redaktion sees both in its lists.
    with session_of(browser, live_server, "redaktion-verbund") as page:
        page.goto("/intern/massnahmen/")
        assert page.get_by_role("link", name=re.compile(MEASURE_TITLE)).is_visible()
        page.goto("/intern/ideen/")
        assert page.get_by_role("link", name=IDEA_TITLE).is_visible()
        assert "Amt Wilstermarsch" in main_text(page)
