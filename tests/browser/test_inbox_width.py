"""The ideas inbox fits a 1,280 px window next to the staff navigation with its default columns,
every cell filled as in daily use and no word broken in the middle (it used to be 1,172 px wide
and pushed the page sideways)."""

import datetime

import pytest

from participation.models import Idea
from tests.browser.conftest import log_in
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    IdeaFactory,
    MeasureFactory,
    OrganisationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIT_JS = """() => {
  // Measured as if no word could break in the middle: a table that fits only by cutting
  // "Eingegangen" into "Einge-gange-n" does not fit.
  const style = document.createElement('style');
  style.textContent = 'main table, main table * { overflow-wrap: normal !important;'
    + ' word-break: normal !important; } main table .agenda-nowrap { white-space: nowrap; }';
  document.head.appendChild(style);
  const table = document.querySelector('main table');
  const box = table.closest('.kern-table-responsive') || table.parentElement;
  return [document.documentElement.scrollWidth, window.innerWidth,
          table.getBoundingClientRect().width, box.getBoundingClientRect().width];
}"""


def busy_inbox():
    # Several organisations: the inbox shows whom each idea is addressed to (one more column).
    root = OrganisationFactory(name="Amt Nordsee-Treene", slug="verbund", parent=None)
    member = OrganisationFactory(name="Gemeinde Hattstedtermarsch", slug="hattstedt", parent=root)
    field = ActionFieldFactory(code="5.1", title="Bürgerservice und Verwaltungsdigitalisierung")
    unit = ActorFactory(name="Fachdienst Digitalisierung und Organisationsentwicklung")
    measure = MeasureFactory(action_field=field, reference="5.1-12")
    for i, state in enumerate(Idea.State.values * 3):
        IdeaFactory(
            title=f"Online-Terminvergabe für das Bürgerbüro mit Erinnerung per SMS {i}",
            state=state,
            kind=Idea.Kind.COMPLAINT if i % 2 else Idea.Kind.IDEA,
            channel=Idea.Channel.NEIGHBOURHOOD,
            action_field=field,
            responsible_unit=unit,
            organisation=member,
            answer_by=datetime.date(2020, 1, 1),
            is_hidden=bool(i % 3 == 0),
            measure=measure if state == Idea.State.PROMOTED else None,
        )


@pytest.mark.parametrize("width", [1280, 1920])
def test_the_ideas_inbox_fits_its_window(browser, live_server, editor, width):
    busy_inbox()
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        log_in(page, editor.username)
        page.goto("/intern/ideen/")
        assert page.get_by_role("columnheader", name="Gerichtet an").count() == 1
        document, window, table, box = page.evaluate(FIT_JS)
        assert document <= window, f"page {document} px in a window of {window} px"
        assert table <= box + 1, f"table {table} px in a box of {box} px"
        # What left its own column still shows, under the title.
        row = page.locator("main tbody tr").first
        assert "Nachbarschaftsgespräch" in row.inner_text() and "5.1" in row.inner_text()
        assert "Eingegangen" in row.inner_text()
    finally:
        context.close()
