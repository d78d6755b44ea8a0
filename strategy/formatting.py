"""German number and money format, for templates (registered as filters), charts and exports."""

from decimal import Decimal

from django.utils import formats

DASH = "–"


def number(value, decimals=0):
    """1.234,5 with grouping; a dash for no value."""
    if value in (None, ""):
        return DASH
    return formats.number_format(
        value, decimal_pos=int(decimals), use_l10n=True, force_grouping=True
    )


def euro(value, decimals=0):
    """German money format: 12.500 € (no cents unless asked for)."""
    if value in (None, ""):
        return DASH
    return f"{number(round(Decimal(value), int(decimals)), decimals)}\u00a0€"
