"""The idea form works with the keyboard alone, and focus is always visible."""

import pytest

from participation.models import Idea
from tests.browser.conftest import log_in
from tests.browser.waits import OUTCOME_MS
from tests.factories import answered_idea, measure_with_parts

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


FOCUS_STOP = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
    && style.outlineColor !== 'rgba(0, 0, 0, 0)';
  return {
    key: el.tagName + '#' + el.id + '.' + el.className + ':'
      + (el.textContent || '').trim().slice(0, 30),
    visible: outline || style.boxShadow !== 'none',
    control: el.matches('a, button, input, select, textarea, summary, [tabindex]'),
  };
}"""


@pytest.mark.parametrize(
    "path",
    ["/", "/agenda/massnahmen/", "/ideen/", "/intern/massnahmen/", "/intern/massnahmen/neu/"],
)
def test_focus_is_visible_on_every_control_kern_draws(page, editor, path):
    """Tab through the page: every stop is a control and shows KERN's (or our) focus ring."""
    measure_with_parts()
    answered_idea(measure=measure_with_parts())
    if path.startswith("/intern/"):
        log_in(page, editor.username)
    page.goto(path)
    seen = set()
    for _ in range(150):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STOP)
        if stop["key"] in seen:
            break  # round the page once
        seen.add(stop["key"])
        if stop["key"].startswith("BODY"):
            continue
        assert stop["control"], stop
        assert stop["visible"], f"focus not visible on {stop['key']} ({path})"
    assert len(seen) > 5


def tab_through_form(page, form, act, *, limit=80):
    """Tab from the top of the page into `form` and on; `act(focus)` handles each control and
    returns True once it has pressed Enter. Every stop's focus must be visible."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUSED)
        inside = page.evaluate(f"document.querySelector({form!r}).contains(document.activeElement)")
        if not inside:
            continue
        seen.append(focus["name"] or focus["id"] or focus["text"][:20])
        assert focus["visible"], f"focus not visible on {focus}"
        if act(focus):
            return seen
    raise AssertionError(f"never pressed Enter; focus went through {seen}")


def test_the_scoring_form_can_be_filled_and_saved_by_keyboard_alone(page, editor):
    from measures.priorities.models import Criterion, Score

    measure = measure_with_parts()
    pks = {c.name: c.pk for c in Criterion.objects.all()}
    values = {
        f"c{pks['Wirkung auf die Ziele']}-value": "3",
        f"c{pks['Dringlichkeit']}-value": "2",
        f"c{pks['Aufwand']}-value": "1",
    }
    reasons = {f"c{pks['Wirkung auf die Ziele']}-reason": "Trägt zu drei Zielen bei."}
    log_in(page, editor.username)
    page.goto(f"/intern/prioritaeten/massnahmen/{measure.pk}/")

    def act(focus):
        if focus["name"] in values:
            # Type-ahead on the closed list box picks the option that starts with the key.
            page.keyboard.type(values[focus["name"]])
            assert page.evaluate("document.activeElement.value") == values.pop(focus["name"])
        elif focus["name"] in reasons:
            page.keyboard.type(reasons.pop(focus["name"]))
        elif focus["tag"] == "BUTTON" and "Speichern" in focus["text"]:
            page.keyboard.press("Enter")
            return True
        return False

    seen = tab_through_form(page, "main form[method=post]", act)
    assert values == {} and reasons == {}, seen
    page.wait_for_url(f"**/intern/massnahmen/{measure.pk}/", timeout=OUTCOME_MS)
    saved = {s.criterion.name: (s.value, s.reason) for s in Score.objects.filter(measure=measure)}
    assert saved == {
        "Wirkung auf die Ziele": (3, "Trägt zu drei Zielen bei."),
        "Dringlichkeit": (2, ""),
        "Aufwand": (1, ""),
    }


def test_the_dependency_form_can_be_filled_and_sent_by_keyboard_alone(page, editor):
    from measures.dependencies.models import Dependency

    measure = measure_with_parts(reference="4.3-1", title="Telemedizin")
    network = measure_with_parts(reference="4.2-9", title="Breitband")
    log_in(page, editor.username)
    page.goto(f"/intern/massnahmen/{measure.pk}/abhaengigkeiten/neu/")
    todo = {"prerequisite", "note"}

    def act(focus):
        if focus["name"] == "prerequisite":
            page.keyboard.type("4.2-9")
            assert page.evaluate("document.activeElement.value") == str(network.pk)
            todo.discard("prerequisite")
        elif focus["name"] == "note":
            page.keyboard.type("Erst das Netz")
            todo.discard("note")
        elif focus["tag"] in ("BUTTON", "INPUT") and "hinzufügen" in (
            focus["text"] or page.evaluate("document.activeElement.value")
        ):
            page.keyboard.press("Enter")
            return True
        return False

    seen = tab_through_form(page, "main form[method=post]", act)
    assert todo == set(), seen
    page.wait_for_url(f"**/intern/massnahmen/{measure.pk}/", timeout=OUTCOME_MS)
    dependency = Dependency.objects.get()
    assert (dependency.prerequisite, dependency.dependant, dependency.note) == (
        network,
        measure,
        "Erst das Netz",
    )
