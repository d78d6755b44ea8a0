"""The body's brand: the accent's contrast check, the logo's re-encoding, and where both show."""

import datetime
import io
import struct
import zlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from agenda.brand import DEFAULT_ACCENT, clean_accent, clean_logo, contrast_ratio
from agenda.editions.forms import SiteProfileForm
from agenda.models import SiteProfile
from agenda.report.render import render_html
from agenda.report.snapshot import build_snapshot
from participation import mails
from tests.factories import IdeaFactory, OrganisationFactory

# #767676 is the lightest grey at 4.5:1 on white (4.54); #777777 is the darkest below (4.48).
BOUNDARY_PASS, BOUNDARY_FAIL = "#767676", "#777777"


def png(width=40, height=20, mode="RGB", **info):
    out = io.BytesIO()
    Image.new(mode, (width, height), "red").save(out, format="PNG", **info)
    return out.getvalue()


def png_claiming(width, height):
    """A tiny PNG whose header claims the given size, with almost no pixel data."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 10))
        + chunk(b"IEND", b"")
    )


def test_black_and_white_have_the_largest_contrast():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


def test_the_contrast_is_the_same_both_ways():
    assert contrast_ratio("#0d6efd", "#ffffff") == contrast_ratio("#ffffff", "#0d6efd")


def test_the_lightest_grey_at_4_5_to_1_passes_and_the_next_one_fails():
    assert contrast_ratio(BOUNDARY_PASS, "#ffffff") >= 4.5
    assert contrast_ratio(BOUNDARY_FAIL, "#ffffff") < 4.5
    assert clean_accent(BOUNDARY_PASS) == BOUNDARY_PASS
    with pytest.raises(ValidationError):
        clean_accent(BOUNDARY_FAIL)


def test_todays_blue_is_the_default_and_passes():
    assert clean_accent("") == DEFAULT_ACCENT
    assert contrast_ratio(DEFAULT_ACCENT, "#ffffff") >= 4.5


@pytest.mark.parametrize("value", ["red", "#fff", "#12345g", "0d6efd", "#0d6efd00", "#0d6efd;}"])
def test_malformed_colours_are_refused(value):
    with pytest.raises(ValidationError) as refused:
        clean_accent(value)
    assert refused.value.code == "invalid"


def test_a_too_light_accent_is_refused_with_the_ratio_rounded_down(settings):
    settings.LANGUAGE_CODE = "de"
    with pytest.raises(ValidationError) as refused:
        clean_accent(BOUNDARY_FAIL)
    message = refused.value.messages[0]
    assert "4,47:1" in message or "4,48:1" in message
    assert "dunkleren Farbton" in message


def profile_form(**data):
    base = {
        "name": "Amt Wilstermarsch",
        "report_title": "Digitale Agenda",
        "update_interval_days": 90,
    }
    files = data.pop("files", {})
    return SiteProfileForm({**base, **data}, files, instance=SiteProfile.current())


@pytest.mark.django_db
def test_the_form_keeps_a_dark_accent():
    form = profile_form(accent_colour="#1B4F72")
    assert form.is_valid(), form.errors
    form.save()
    assert SiteProfile.current().accent_colour == "#1b4f72"


@pytest.mark.django_db
def test_the_form_refuses_a_light_accent_by_the_field_with_the_ratio():
    form = profile_form(accent_colour="#ffcc00")
    assert not form.is_valid()
    assert list(form.errors) == ["accent_colour"]
    message = form.errors["accent_colour"][0]
    assert "#ffcc00" in message and "1,51:1" in message
    assert "Bitte wählen Sie einen dunkleren Farbton" in message


@pytest.mark.django_db
def test_the_form_refuses_a_malformed_accent():
    form = profile_form(accent_colour="blue")
    assert not form.is_valid()
    assert list(form.errors) == ["accent_colour"]


@pytest.mark.django_db
def test_a_refused_accent_gets_a_german_message_on_the_page(editor_client):
    response = editor_client.post(
        reverse("editions:site-profile"),
        {
            "name": "Amt",
            "report_title": "Agenda",
            "update_interval_days": 90,
            "accent_colour": "#ffff00",
        },
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 200
    assert "Bitte wählen Sie einen dunkleren Farbton" in response.content.decode()
    assert 'type="color"' in response.content.decode()
    assert SiteProfile.current().accent_colour == DEFAULT_ACCENT


def test_a_logo_is_re_encoded_as_png_without_its_metadata():
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    meta.add_text("Comment", "secret payload")
    cleaned = clean_logo(png(pnginfo=meta))
    assert cleaned.startswith(b"\x89PNG")
    assert b"secret payload" not in cleaned


def test_a_jpeg_logo_becomes_a_png():
    out = io.BytesIO()
    Image.new("RGB", (30, 30), "blue").save(out, format="JPEG")
    with Image.open(io.BytesIO(clean_logo(out.getvalue()))) as image:
        assert image.format == "PNG"


def test_a_large_logo_is_scaled_down_to_1000_pixels():
    with Image.open(io.BytesIO(clean_logo(png(2400, 600)))) as image:
        assert image.size == (1000, 250)


def test_transparency_is_kept():
    with Image.open(io.BytesIO(clean_logo(png(mode="RGBA")))) as image:
        assert image.mode == "RGBA"


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"just text", id="not-an-image"),
        pytest.param(SVG, id="svg"),
        pytest.param(GIF, id="gif"),
        pytest.param(png()[:60], id="truncated-png"),
        pytest.param(png_claiming(100_000, 100_000), id="huge-dimension-header"),
        pytest.param(png_claiming(6000, 6000), id="decompression-bomb"),
        pytest.param(b"", id="empty"),
    ],
)
def test_hostile_logos_are_refused(data):
    with pytest.raises(ValidationError):
        clean_logo(data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data", [SVG, png()[:60], png_claiming(100_000, 100_000), b"\x89PNG" + b"\0" * 2000]
)
def test_a_hostile_upload_gets_a_german_message_and_no_500(editor_client, data):
    response = editor_client.post(
        reverse("editions:site-profile"),
        {
            "name": "Amt",
            "report_title": "Agenda",
            "update_interval_days": 90,
            "accent_colour": DEFAULT_ACCENT,
            "logo_file": SimpleUploadedFile("logo.png", data, content_type="image/png"),
        },
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dies ist kein PNG- oder JPEG-Bild." in content or "zu viele Bildpunkte" in content
    assert not SiteProfile.current().logo


@pytest.mark.django_db
def test_an_upload_over_1_mb_is_refused():
    big = SimpleUploadedFile(
        "logo.png", b"\x89PNG" + b"\0" * (1024 * 1024), content_type="image/png"
    )
    form = profile_form(accent_colour=DEFAULT_ACCENT, files={"logo_file": big})
    assert not form.is_valid()
    assert list(form.errors) == ["logo_file"]


@pytest.fixture
def branded(db):
    upload = SimpleUploadedFile("logo.jpg", png(), content_type="image/png")
    form = profile_form(
        name="Amt Wilstermarsch", accent_colour="#5b2a86", files={"logo_file": upload}
    )
    assert form.is_valid(), form.errors
    return form.save()


def test_the_header_shows_the_logo_and_loads_the_accent(client, branded):
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    brand = SiteProfile.brand()
    logo_url = reverse("brand-logo", kwargs={"version": brand["version"]})
    css_url = reverse("brand-css", kwargs={"version": brand["version"]})
    assert f'src="{logo_url}"' in content
    assert 'alt="Logo: Amt Wilstermarsch"' in content
    assert f'href="{css_url}"' in content
    css = client.get(css_url)
    assert "--agenda-accent: #5b2a86" in css.content.decode()
    assert "immutable" in css["Cache-Control"]
    logo = client.get(logo_url)
    assert logo["Content-Type"] == "image/png" and logo.content.startswith(b"\x89PNG")
    assert "max-age=31536000" in logo["Cache-Control"]


def test_a_saved_profile_moves_the_brand_to_a_new_version(client, branded):
    old = SiteProfile.brand()["version"]
    form = profile_form(name="Amt Wilstermarsch", accent_colour="#1b4f72")
    assert form.is_valid(), form.errors
    form.save()
    new = SiteProfile.brand()["version"]
    assert new != old
    response = client.get(reverse("brand-css", kwargs={"version": old}))
    assert response.status_code == 302
    assert response["Location"] == reverse("brand-css", kwargs={"version": new})
    assert "no-cache" in response.get("Cache-Control", "") or "max-age" not in response.get(
        "Cache-Control", ""
    )


@pytest.mark.django_db
def test_without_a_logo_the_header_has_no_image_and_the_logo_address_is_404(client):
    content = client.get("/").content.decode()
    assert "brand-logo" not in content
    version = SiteProfile.brand()["version"]
    assert client.get(reverse("brand-logo", kwargs={"version": version})).status_code == 404


@pytest.mark.django_db
def test_a_citizens_mail_is_sent_and_signed_by_the_body(settings):
    settings.DEFAULT_FROM_EMAIL = "Digitale Agenda <agenda@example.org>"
    OrganisationFactory(name="Amt Wilstermarsch", slug="wilstermarsch", kind="amt", parent=None)
    idea = IdeaFactory(email="anna@example.org", consent_processing=True)
    mails.send_confirmation(idea)
    (message,) = mail.outbox
    assert message.from_email == '"Amt Wilstermarsch" <agenda@example.org>' or (
        message.from_email == "Amt Wilstermarsch <agenda@example.org>"
    )
    assert message.body.rstrip().endswith("Amt Wilstermarsch")


@pytest.mark.django_db
def test_the_report_carries_the_accent_on_cover_and_headings():
    html = render_html(build_snapshot(), audience="public", accent="#5b2a86")
    assert 'class="band"' in html
    assert ".cover .band { height: 6mm; background: #5b2a86;" in html
    assert "h1 { font-size: 18pt; color: #5b2a86;" in html


@pytest.mark.django_db
def test_the_report_ignores_an_accent_that_is_no_colour():
    html = render_html(build_snapshot(), audience="public", accent="red;} body{display:none")
    assert "display:none" not in html
    assert "#1b4f72" in html


def test_the_reminder_comes_from_the_body_and_its_html_heading_wears_the_accent(branded):
    from agenda.reminders.services import send_digest
    from agenda.worklist.items import SECTIONS
    from tests.conftest import user_with_role

    falk = user_with_role("Fachbereich", username="falk", email="falk@example.org")
    send_digest(falk, {kind: [] for kind, _label in SECTIONS}, datetime.date(2026, 12, 1))
    (message,) = mail.outbox
    assert "Amt Wilstermarsch" in message.from_email
    assert message.body.rstrip().endswith("Amt Wilstermarsch")
    html = message.alternatives[0].content
    assert '<h1 style="font-size: 1.3em; color: #5b2a86;">' in html
    assert "#5b2a86" not in message.body
