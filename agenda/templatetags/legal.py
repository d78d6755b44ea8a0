from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


def _lines_with_breaks(lines):
    head = format_html_join("", "{}<br>", ((line,) for line in lines[:-1]))
    return format_html("{}{}", head, lines[-1])


@register.filter
def simple_text(text):
    """Plain text to HTML: blank lines part paragraphs, "## " heads a section, "- " lists.

    Everything staff typed is escaped; they cannot inject markup into public pages.
    """
    parts = []
    for block in str(text).replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines and lines[0].startswith("## "):
            parts.append(format_html("<h2>{}</h2>", lines.pop(0)[3:]))
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = format_html_join("", "<li>{}</li>", ((line[2:],) for line in lines))
            parts.append(format_html("<ul>{}</ul>", items))
        else:
            parts.append(format_html("<p>{}</p>", _lines_with_breaks(lines)))
    return format_html_join("\n", "{}", ((part,) for part in parts))
