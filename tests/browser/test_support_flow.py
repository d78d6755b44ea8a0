"""A person supports an idea with the real captcha widget; the count and the button follow."""

import re

import pytest

from participation.models import Support
from tests.browser.test_participation_flow import solve_captcha
from tests.factories import answered_idea

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_supports_an_idea_with_the_widget(page):
    idea = answered_idea(title="Freies WLAN am Bahnhof")
    page.goto(idea.get_public_url())
    assert page.get_by_text("Stimmungsbild, keine Abstimmung", exact=False).is_visible()
    solve_captcha(page)
    page.get_by_role("button", name="Unterstützen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Vielen Dank", exact=False).first.is_visible()
    assert page.get_by_text(re.compile(r"^1 Unterstützung$")).is_visible()
    assert page.get_by_role("button", name=re.compile("unterstützen diese Idee")).is_disabled()
    assert Support.objects.filter(idea=idea).count() == 1


def test_supporting_without_the_check_explains_what_is_missing(page):
    idea = answered_idea()
    page.goto(idea.get_public_url())
    page.get_by_role("button", name="Unterstützen").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").filter(has_text="Roboter").is_visible()
    assert not Support.objects.exists()
