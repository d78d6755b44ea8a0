"""The idea form works with the keyboard alone, and focus is always visible."""

import pytest

from participation.models import Idea
from tests.browser.waits import OUTCOME_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    || style.boxShadow !== 'none';
  return {name: el.name || '', id: el.id || '', tag: el.tagName, type: el.type || '',
          text: (el.textContent || '').trim(), visible: visible};
}"""


def test_the_idea_form_can_be_filled_and_sent_by_keyboard_alone(page):
    page.goto("/ideen/neu/")
    typed = {
        "title": "Sitzbänke mit WLAN",
        "description": "Am Marktplatz wären Bänke mit WLAN schön.",
        "place": "Itzehoe",
        "email": "karl@example.org",
    }
    seen, sent = [], False
    for _ in range(80):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUSED)
        seen.append(focus["name"] or focus["id"] or focus["text"][:20])
        assert focus["visible"], f"focus not visible on {focus}"
        if focus["name"] in typed:
            page.keyboard.type(typed.pop(focus["name"]))
        elif focus["name"] == "consent_processing":
            page.keyboard.press("Space")
        elif focus["id"].startswith("altcha-checkbox"):
            page.keyboard.press("Space")
            page.wait_for_function(
                "() => document.querySelector('input[name=altcha]')?.value?.length > 20",
                timeout=OUTCOME_MS,
            )
        elif focus["tag"] == "BUTTON" and "absenden" in focus["text"]:
            page.keyboard.press("Enter")
            sent = True
            break
    assert sent, f"never reached the send button; focus went through {seen}"
    assert "website" not in seen  # the honeypot is out of the tab order
    page.wait_for_url("**/ideen/status/**", timeout=OUTCOME_MS)
    idea = Idea.objects.get()
    assert (idea.title, idea.email, idea.consent_processing) == (
        "Sitzbänke mit WLAN",
        "karl@example.org",
        True,
    )
