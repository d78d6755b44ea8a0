"""The main menu on a phone: behind a button that says whether it is open, usable by keyboard;
without JavaScript it is simply shown. On a desktop the button is not there."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def phone(browser, live_server, javascript=True):
    context = browser.new_context(
        base_url=live_server.url,
        locale="de-DE",
        viewport={"width": 390, "height": 800},
        java_script_enabled=javascript,
    )
    return context, context.new_page()


def test_the_phone_menu_opens_and_closes_by_keyboard(browser, live_server):
    context, page = phone(browser, live_server)
    try:
        page.goto("/agenda/")
        toggle = page.get_by_role("button", name="Menü")
        link = page.get_by_role("link", name="Ideen und Antworten")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not link.is_visible()
        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
        assert link.is_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Start"
        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not link.is_visible()
        assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "main-nav"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_without_javascript_the_menu_is_shown_and_the_button_is_not(browser, live_server):
    context, page = phone(browser, live_server, javascript=False)
    try:
        page.goto("/agenda/")
        assert page.get_by_role("link", name="Ideen und Antworten").is_visible()
        assert page.get_by_role("button", name="Menü").count() == 0
    finally:
        context.close()


def test_on_a_desktop_the_navigation_shows_without_a_button(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/agenda/")
    assert page.get_by_role("link", name="Ideen und Antworten").is_visible()
    assert not page.get_by_role("button", name="Menü").is_visible()
    current = page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Agenda", exact=True
    )
    assert current.get_attribute("aria-current") == "page"
