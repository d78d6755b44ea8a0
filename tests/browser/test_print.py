"""Public pages print cleanly: the content in black on white, A4-wide, nothing to click."""

import pytest
from django.urls import reverse

from tests.factories import IndicatorFactory, answered_idea, measure_with_parts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A4 is 210 mm wide: 794 px at 96 dpi.
A4_PX = 794

PRINTED_JS = """
() => {
  const shown = (selector) => [...document.querySelectorAll(selector)].some(
    (element) => getComputedStyle(element).display !== 'none'
      && element.getClientRects().length > 0);
  const main = document.querySelector('main');
  const rows = [...document.querySelectorAll('main tr')];
  return {
    width: document.documentElement.scrollWidth,
    main: shown('main') && main.innerText.trim().length > 0,
    headerNavigation: shown('header nav a'),
    languageSwitch: shown('#language-select'),
    filterForm: shown('main form[method=get]'),
    buttons: shown('main .kern-btn, main button'),
    footerLinks: shown('footer a'),
    splittableRows: rows.filter((row) => getComputedStyle(row).breakInside !== 'avoid').length,
    tables: rows.length,
    colours: [...document.querySelectorAll('main *')]
      .filter((element) => element.getClientRects().length > 0)
      .map((element) => getComputedStyle(element))
      .filter((style) => style.color !== 'rgb(0, 0, 0)'
        || !['rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)'].includes(style.backgroundColor))
      .length,
    wideCharts: [...document.querySelectorAll('main svg')]
      .filter((svg) => svg.getBoundingClientRect().width > main.getBoundingClientRect().width + 1)
      .length,
  };
}
"""


def public_pages():
    measure = measure_with_parts()
    IndicatorFactory(goal=measure.goals.first())
    idea = answered_idea(measure=measure)
    field = measure.action_field
    return [
        reverse("home"),
        reverse("public:overview"),
        reverse("public:figures"),
        reverse("public:field-detail", kwargs={"slug": field.slug}),
        reverse("public:field-figures", kwargs={"slug": field.slug}),
        reverse("public:measure-list"),
        reverse("public:measure-detail", kwargs={"key": measure.reference}),
        reverse("participation:idea-list"),
        idea.get_public_url(),
        reverse("legal-page", kwargs={"slug": "datenschutz"}),
    ]


def test_public_pages_print_only_their_content_black_on_white_within_a4(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": A4_PX, "height": 1123}
    )
    page = context.new_page()
    page.emulate_media(media="print")
    found = {}
    tables = 0
    try:
        for path in public_pages():
            assert page.goto(path).status == 200, path
            printed = page.evaluate(PRINTED_JS)
            tables += printed.pop("tables")
            expected = {
                "width": min(printed["width"], A4_PX),
                "main": True,
                "headerNavigation": False,
                "languageSwitch": False,
                "filterForm": False,
                "buttons": False,
                "footerLinks": False,
                "splittableRows": 0,
                "colours": 0,
                "wideCharts": 0,
            }
            if printed != expected:
                found[path] = {k: v for k, v in printed.items() if v != expected[k]}
    finally:
        context.close()
    assert found == {}
    assert tables > 0, "no page had a table: the row check proved nothing"


def test_on_screen_the_print_styles_change_nothing(page, live_server):
    page.goto(reverse("public:measure-list"))
    printed = page.evaluate(PRINTED_JS)
    assert printed["headerNavigation"] and printed["languageSwitch"]
    assert printed["filterForm"] and printed["buttons"] and printed["footerLinks"]


def test_printed_links_show_their_address_only_when_they_lead_elsewhere(page):
    page.emulate_media(media="print")
    page.goto(reverse("public:overview"))
    after = page.evaluate(
        """() => {
          const main = document.querySelector('main');
          const add = (href) => {
            const link = Object.assign(document.createElement('a'), {href, textContent: 'x'});
            main.append(link);
            return getComputedStyle(link, '::after').content;
          };
          return [add('https://www.schleswig-holstein.de/'), add('/agenda/massnahmen/')];
        }"""
    )
    assert after == ['" (https://www.schleswig-holstein.de/)"', "none"]
