"""User text is isolated wherever it is shown, so a right-to-left override in a name cannot
turn the portal's own text around it.

`{{ value|isolate }}` is the one mechanism: `<bdi>` in HTML, and the Unicode isolates
FSI … PDI where the template does not escape (plain-text mails and their subjects).
"""

from django import template
from django.utils.html import format_html, format_html_join

from strategy.bidi import isolate_text

register = template.Library()


@register.filter(needs_autoescape=True)
def isolate(value, autoescape=True):
    if value in (None, ""):
        return value
    if autoescape:
        return format_html("<bdi>{}</bdi>", value)
    return isolate_text(value)


@register.filter(needs_autoescape=True)
def isolate_each(values, autoescape=True):
    """A list of user values, each isolated, joined by commas ("A, B, C")."""
    if autoescape:
        return format_html_join(", ", "<bdi>{}</bdi>", ((value,) for value in values))
    return ", ".join(isolate_text(value) for value in values)


@register.filter
def isolate_chars(value):
    """FSI … PDI even where the template escapes: for text elements that hold no markup
    (<title>, attributes), where a <bdi> would be shown as text."""
    return isolate_text(value) if value not in (None, "") else value
