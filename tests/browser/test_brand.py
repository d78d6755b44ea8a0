"""The body's brand in a real browser: the logo in the header, the accent on the band and the
buttons, and every text still at AA contrast with the palest accent the form accepts."""

import io

import pytest
from PIL import Image

from agenda.brand import clean_logo
from agenda.models import SiteProfile
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import violations
from tests.factories import answered_idea, measure_with_parts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The lightest grey at 4.5:1 on white: any lighter is refused by the form.
PALEST = "#767676"
PALEST_RGB = "rgb({}, {}, {})".format(*(int(PALEST[i : i + 2], 16) for i in (1, 3, 5)))


@pytest.fixture
def brand(db):
    out = io.BytesIO()
    Image.new("RGB", (120, 60), "darkgreen").save(out, format="PNG")
    profile = SiteProfile.current()
    profile.name = "Amt Wilstermarsch"
    profile.accent_colour = PALEST
    profile.logo, profile.logo_type = clean_logo(out.getvalue()), "image/png"
    profile.save()
    return profile


def assert_branded(page):
    # KERN's Kopfzeile names the body; the accent underlines the header and colours the name.
    band = page.locator(".kern-kopfzeile__label")
    assert band.inner_text().strip() == "Offizielle Website – Amt Wilstermarsch"
    header = page.locator(".site-header")
    assert header.evaluate("e => getComputedStyle(e).borderBottomColor") == PALEST_RGB
    name = page.locator(".agenda-brand")
    assert name.evaluate("e => getComputedStyle(e).color") == PALEST_RGB
    logo = page.get_by_role("img", name="Logo: Amt Wilstermarsch")
    assert logo.evaluate("e => e.complete && e.naturalWidth") == 120
    assert violations(page) == []


def test_a_public_page_shows_the_brand_at_aa_contrast(page, brand):
    answered_idea(title="Beantwortete Idee", measure=measure_with_parts())
    page.goto("/")
    assert_branded(page)
    button = page.locator("main .kern-btn--primary").first
    assert button.evaluate("e => getComputedStyle(e).backgroundColor") == PALEST_RGB


def test_a_staff_page_shows_the_brand_at_aa_contrast(page, brand, editor):
    log_in(page, editor.username)
    page.goto("/intern/profil/")
    assert_branded(page)
    colour = page.get_by_label("Akzentfarbe")
    assert colour.get_attribute("type") == "color"
    assert colour.input_value() == PALEST
