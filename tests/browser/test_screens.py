"""Every public page and the main staff pages, as a person sees them on a phone and a desktop.

At 320, 390 and 1,280 px each page must: not be wider than the window; show every visible text
at WCAG AA contrast, computed from the colours the browser rendered (tests/browser/contrast.py);
and give every control (link, button, field, summary) an accessible name, as Chromium's own
accessibility tree computes it. The agenda holds hostile text everywhere (test_page_width.seed).
"""

import pytest

from tests.browser.conftest import log_in
from tests.browser.contrast import contrast_problems
from tests.browser.test_page_width import WIDTH_JS, all_pages, seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [320, 390, 1280]
MAIN_STAFF_PAGES = {
    "/intern/",
    "/intern/aufgaben/",
    "/intern/massnahmen/",
    "/intern/handlungsfelder/",
    "/intern/ziele/",
    "/intern/leitlinien/",
    "/intern/kennzahlen/",
    "/intern/ideen/",
    "/intern/fassungen/",
    "/intern/sachstaende/freigabe/",
    "/intern/prioritaeten/",
}
# Roles a person operates; each needs a name to be announced and to be found by voice control.
CONTROLS = {
    "button",
    "link",
    "textbox",
    "searchbox",
    "combobox",
    "listbox",
    "checkbox",
    "radio",
    "spinbutton",
    "slider",
    "switch",
    "tab",
    "menuitem",
    "DisclosureTriangle",
}


def unnamed_controls(page):
    """Controls without an accessible name, from Chromium's accessibility tree (CDP)."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    found = []
    for node in nodes:
        role = (node.get("role") or {}).get("value")
        if node.get("ignored") or role not in CONTROLS:
            continue
        if not str((node.get("name") or {}).get("value") or "").strip():
            found.append(f"{role} without a name (node {node.get('backendDOMNodeId')})")
    return found


def screens(paths):
    return [path for path in paths if not path.startswith("/intern/") or path in MAIN_STAFF_PAGES]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_screen_fits_reads_and_names_its_controls(browser, live_server, editor, width):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        paths = screens(all_pages(seed(editor)))
        assert set(paths) >= MAIN_STAFF_PAGES
        assert len(paths) > len(MAIN_STAFF_PAGES) + 20  # the public pages are there too
        log_in(page, editor.username)
        found = {}
        for path in paths:
            response = page.goto(path)
            assert response.status == 200, f"{path}: {response.status}"
            problems = []
            scroll_width, window_width = page.evaluate(WIDTH_JS)
            if scroll_width > window_width + 1:
                problems.append(f"{scroll_width} px wide in a {window_width} px window")
            problems += contrast_problems(page) + unnamed_controls(page)
            if problems:
                found[path] = problems
    finally:
        context.close()
    assert found == {}


def test_the_name_check_sees_a_control_without_a_name(page):
    """An icon-only button without a label is caught, or the test above proves nothing."""
    page.goto("/")
    assert unnamed_controls(page) == []
    page.evaluate(
        "() => document.querySelector('main').append(Object.assign("
        "document.createElement('button'), {className: 'kern-btn'}))"
    )
    assert [problem.split(" (")[0] for problem in unnamed_controls(page)] == [
        "button without a name"
    ]
