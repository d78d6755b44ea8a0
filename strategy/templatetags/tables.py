"""`{% stacktable %}<table class="table-stack">…</table>{% endstacktable %}`.

See strategy.tables.stacking.
"""

from django import template
from django.utils.safestring import mark_safe

from strategy.tables.stacking import label_cells

register = template.Library()


class StackTableNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        # The inner template is already escaped; only attributes are added to its tags.
        return mark_safe(label_cells(self.nodelist.render(context)))  # noqa: S308  # nosec B308 B703


@register.tag
def stacktable(parser, token):
    nodelist = parser.parse(("endstacktable",))
    parser.delete_first_token()
    return StackTableNode(nodelist)
