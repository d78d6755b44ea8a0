from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from strategy import formatting

register = template.Library()


# The formatting lives in a plain module; templates get it as filters.
register.filter("euro", formatting.euro)
register.filter("number", formatting.number)


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
        '<span class="kern-sr-only"> {}</span></a></th>',
        state,
        params.urlencode(),
        label,
        arrow,
        _("(sort)"),
    )


@register.inclusion_tag("includes/progress.html")
def progress_bar(percent):
    return {"percent": percent}
