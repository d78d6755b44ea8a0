"""How many progress reports wait for release, for the staff navigation."""

from django import template

from measures.services import can_release, releasable_drafts

register = template.Library()


@register.simple_tag(takes_context=True)
def drafts_waiting(context):
    """The number of drafts, for users who may release them (None for everyone else).

    Counted once per request: the navigation is on the page twice (wide and compact)."""
    request = context.get("request")
    if request is None or not can_release(request.user):
        return None
    if not hasattr(request, "_drafts_waiting"):
        request._drafts_waiting = releasable_drafts(request.user).count()
    return request._drafts_waiting
