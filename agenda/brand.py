"""The body's brand: its accent colour (checked for contrast) and its logo (checked and
re-encoded). Pure functions, no database: the model and the form call them."""

import io
import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# Bootstrap's primary blue, the portal's colour before it had a brand (4.5:1 on white).
DEFAULT_ACCENT = "#2044aa"  # KERN's action colour (darkblue-700)
ON_ACCENT = "#ffffff"
MIN_CONTRAST = 4.5
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_SIDE = 1000
# Checked before Pillow decodes a pixel: a small file may claim a huge canvas.
LOGO_MAX_PIXELS = 25_000_000
NOT_AN_IMAGE = _("This is not a PNG or JPEG image.")


def relative_luminance(colour):
    """WCAG 2.1 relative luminance of "#RRGGBB"."""

    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def clean_accent(value):
    """The accent as "#rrggbb" if it is one and white text on it (and it on white) reads at
    AA contrast; a ValidationError with the measured ratio otherwise."""
    value = (value or "").strip()
    if not value:
        return DEFAULT_ACCENT
    if not HEX_COLOUR.match(value):
        raise ValidationError(
            _("Enter the colour as # followed by six hex digits, for example #0d6efd."),
            code="invalid",
        )
    value = value.lower()
    ratio = contrast_ratio(value, ON_ACCENT)
    if ratio < MIN_CONTRAST:
        # Rounded down: a ratio of 4.49 must not read as "4.5" in a refusal.
        shown = number_format(int(ratio * 100) / 100, 2)
        raise ValidationError(
            _(
                "The colour %(colour)s reaches a contrast ratio of only %(ratio)s:1 against "
                "white; at least 4.5:1 is needed, because white text stands on it and links "
                "and headings use it on white. Please choose a darker shade of the colour."
            ),
            code="contrast",
            params={"colour": value, "ratio": shown},
        )
    return value


def clean_logo(data):
    """The upload re-encoded as PNG (no metadata, nothing hidden), at most LOGO_MAX_SIDE
    pixels on each side. Raises ValidationError for anything that is not a sound PNG or JPEG."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo is larger than 1 MB."), code="size")
    failures = (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
    )
    try:
        with Image.open(io.BytesIO(data), formats=["PNG", "JPEG"]) as probe:
            if probe.width * probe.height > LOGO_MAX_PIXELS:
                raise ValidationError(
                    _("The logo has too many pixels; at most 25 million are accepted."),
                    code="pixels",
                )
            probe.verify()
        # verify() leaves the image unusable: open again and decode every pixel.
        with Image.open(io.BytesIO(data), formats=["PNG", "JPEG"]) as image:
            image.load()
            image = image.convert(
                "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
            )
    except failures:
        raise ValidationError(NOT_AN_IMAGE, code="image") from None
    image.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
