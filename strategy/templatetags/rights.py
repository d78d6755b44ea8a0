"""Whether the user may change an object, for buttons in lists: the same gate as the views."""

from django import template

from strategy.organisations.rules import may_edit_for
from strategy.organisations.signals import ACTS_FOR_FEDERATION

register = template.Library()


@register.filter
def editable_by(obj, user):
    """`{% if goal|editable_by:request.user %}`: the object's own rule (can_be_edited_by)."""
    rule = getattr(obj, "can_be_edited_by", None)
    return rule is None or rule(user)


@register.filter
def acts_for_federation(user):
    """Does `user` write what belongs to the whole federation (the root's staff, or a portal
    without members)? Put it after a permission check: it costs a query per request."""
    return may_edit_for(user, None)


@register.filter
def session_acts_for_federation(request):
    """`acts_for_federation` as noted at login, without a query: for the navigation's links
    only (a session from before the note shows them; the views still refuse)."""
    return request.session.get(ACTS_FOR_FEDERATION, True)
