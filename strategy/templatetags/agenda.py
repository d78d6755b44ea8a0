from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def euro(value, decimals=0):
    """German money format: 12.500 € (no cents unless asked for)."""
    if value in (None, ""):
        return "–"
    amount = round(Decimal(value), int(decimals))
    number = formats.number_format(
        amount, decimal_pos=int(decimals), use_l10n=True, force_grouping=True
    )
    return f"{number}\u00a0€"


@register.filter
def number(value, decimals=0):
    if value in (None, ""):
        return "–"
    return formats.number_format(
        value, decimal_pos=int(decimals), use_l10n=True, force_grouping=True
    )


@register.simple_tag(takes_context=True)
def sort_header(context, key, label):
    """A column header that sorts the list by `key`; a second click reverses the order."""
    request = context["request"]
    current = request.GET.get("o", "")
    params = request.GET.copy()
    params.pop("page", None)
    if current == key:
        params["o"], state, arrow = f"-{key}", "ascending", "▲"
    elif current == f"-{key}":
        params["o"], state, arrow = key, "descending", "▼"
    else:
        params["o"], state, arrow = key, "none", ""
    return format_html(
        '<th scope="col" aria-sort="{}"><a href="?{}">{}<span aria-hidden="true"> {}</span>'
        '<span class="visually-hidden"> {}</span></a></th>',
        state,
        params.urlencode(),
        label,
        arrow,
        _("(sort)"),
    )


@register.inclusion_tag("includes/progress.html")
def progress_bar(percent):
    return {"percent": percent}
