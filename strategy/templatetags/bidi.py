"""User text is isolated wherever it is shown, so a right-to-left override in a name cannot
turn the portal's own text around it.

`{{ value|isolate }}` is the one mechanism: `<bdi>` in HTML, and the Unicode isolates
FSI … PDI where the template does not escape (plain-text mails and their subjects).
"""

from django import template
from django.utils.html import format_html

from strategy.bidi import isolate_text

register = template.Library()


@register.filter(needs_autoescape=True)
def isolate(value, autoescape=True):
    if value in (None, ""):
        return value
    if autoescape:
        return format_html("<bdi>{}</bdi>", value)
    return isolate_text(value)
