"""Staff lists fit 1,280 px with their default columns; on a phone, table rows stack and every
cell shows its column heading, while the page stays a table for screen readers."""

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import violations
from tests.browser.test_page_width import seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_LISTS = [
    "/intern/massnahmen/",
    "/intern/handlungsfelder/",
    "/intern/ziele/",
    "/intern/kennzahlen/",
]

FIT_JS = """() => {
  const table = document.querySelector('main table');
  const box = table.closest('.kern-table-responsive') || table.parentElement;
  return [document.documentElement.scrollWidth, window.innerWidth,
          table.getBoundingClientRect().width, box.getBoundingClientRect().width];
}"""

# Every labelled body cell: is it a block, and does its ::before show the heading of its column?
LABELS_JS = """() => {
  const table = document.querySelector('main table.table-stack');
  // The heading as it is seen: without its visually hidden words ("(sortieren)").
  const seen = (th) => {
    const copy = th.cloneNode(true);
    copy.querySelectorAll('.kern-sr-only').forEach((hidden) => hidden.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  };
  const headings = [...table.tHead.rows[0].cells].map(seen);
  const cells = [...table.tBodies[0].rows].flatMap((row) => [...row.cells]);
  return {
    headings,
    labelled: cells.filter((cell) => cell.dataset.label).length,
    wrong: cells.filter((cell) => cell.dataset.label).map((cell) => {
      const before = getComputedStyle(cell, '::before').content;
      const column = [...cell.parentElement.cells].indexOf(cell);
      const ok = getComputedStyle(cell).display === 'block' && before.includes(cell.dataset.label)
        && cell.dataset.label === headings[column];
      return ok ? null : cell.dataset.label + ' / ' + before + ' / ' + headings[column];
    }).filter(Boolean),
    role: table.getAttribute('role'),
  };
}"""


def open_page(browser, live_server, editor, width):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    log_in(page, editor.username)
    return context, page


def test_staff_lists_fit_1280_px_with_their_default_columns(browser, live_server, editor):
    seed(editor)
    context, page = open_page(browser, live_server, editor, 1280)
    try:
        for path in STAFF_LISTS:
            page.goto(path)
            document, window, table, box = page.evaluate(FIT_JS)
            assert document <= window, f"{path}: page {document} px"
            assert table <= box + 1, f"{path}: table {table} px in a box of {box} px"
    finally:
        context.close()


def test_the_column_choice_is_a_labelled_form_usable_by_keyboard(browser, live_server, editor):
    seed(editor)
    context, page = open_page(browser, live_server, editor, 1280)
    try:
        page.goto("/intern/massnahmen/")
        # Folded away until wanted: the summary opens by keyboard.
        page.get_by_text("Spalten wählen", exact=True).focus()
        page.keyboard.press("Enter")
        group = page.get_by_role("group", name="Spalten")
        group.get_by_label("Priorität").focus()
        page.keyboard.press("Space")
        page.get_by_role("button", name="Spalten anzeigen").press("Enter")
        page.wait_for_load_state()
        assert page.get_by_role("columnheader", name="Priorität").is_visible()
        page.goto("/intern/massnahmen/")
        page.get_by_text("Spalten wählen", exact=True).click()
        assert page.get_by_role("checkbox", name="Priorität").is_checked()
    finally:
        context.close()


@pytest.mark.parametrize("path", [*STAFF_LISTS, "/agenda/massnahmen/", "/intern/ideen/"])
def test_stacked_cells_carry_their_column_headings_at_320_px(browser, live_server, editor, path):
    seed(editor)
    context, page = open_page(browser, live_server, editor, 320)
    try:
        page.goto(path)
        found = page.evaluate(LABELS_JS)
        assert found["labelled"] >= len(found["headings"]) - 1
        assert found["wrong"] == []
        assert found["role"] == "table"
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert violations(page) == []
    finally:
        context.close()


# Each link of the header and of the staff sidebar on one line, the header's items side by side.
NAV_LINES_JS = """() => {
  const lines = (element) =>
    new Set([...element.getClientRects()].map((r) => Math.round(r.top))).size;
  const links = 'header .agenda-nav__link, nav.staff-nav .agenda-staff-nav__link';
  const wrapped = [...document.querySelectorAll(links)]
    .filter((link) => link.checkVisibility() && [...link.childNodes].some((node) => {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) return false;
      const range = document.createRange();
      range.selectNodeContents(node);
      return lines(range) > 1;
    }))
    .map((link) => link.textContent.trim());
  // The tools in the band and the masthead (brand and navigation) each on one line. (The
  // band's own label, the body's name, may wrap: a long name must not push the tools away.)
  // Items side by side overlap vertically; a wrapped one starts below the row above it.
  const rows = (selector) => {
    const boxes = [...document.querySelectorAll(selector)]
      .filter((item) => item.checkVisibility())
      .map((item) => item.getBoundingClientRect())
      .sort((a, b) => a.top - b.top);
    let count = 0;
    let bottom = -Infinity;
    for (const box of boxes) {
      if (box.top >= bottom - 1) count += 1;
      bottom = Math.max(bottom, box.bottom);
    }
    return count;
  };
  const tops = {size: Math.max(
    rows('header .agenda-tools > *, header .agenda-tools form > *'),
    rows('header .agenda-masthead > :not(.agenda-menu), header .agenda-nav__list > li'),
  )};
  return {wrapped, rows: tops.size};
}"""


def test_the_staff_navigation_does_not_wrap_at_1280_px(browser, live_server, admin_user_role):
    seed(admin_user_role)
    context, page = open_page(browser, live_server, admin_user_role, 1280)
    try:
        for path in ["/intern/", "/intern/massnahmen/"]:
            page.goto(path)
            assert page.evaluate(NAV_LINES_JS) == {"wrapped": [], "rows": 1}, path
        # The rarely used links wait behind "Mehr", which opens by keyboard.
        sidebar = page.get_by_role("navigation", name="Interner Bereich", exact=True)
        more = sidebar.get_by_text("Mehr", exact=True)
        assert not sidebar.get_by_role("link", name="Versandte Erinnerungen").is_visible()
        more.focus()
        page.keyboard.press("Enter")
        assert sidebar.get_by_role("link", name="Versandte Erinnerungen").is_visible()
        assert page.evaluate(NAV_LINES_JS) == {"wrapped": [], "rows": 1}
        # On a page behind it, "Mehr" stands open and marks the page as the current one.
        sidebar.get_by_role("link", name="Versandte Erinnerungen").click()
        current = page.get_by_role("navigation", name="Interner Bereich", exact=True).locator(
            "[aria-current=page]"
        )
        assert current.inner_text() == "Versandte Erinnerungen"
    finally:
        context.close()
