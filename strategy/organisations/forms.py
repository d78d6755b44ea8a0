"""The organisation choice in staff forms: shown only where there are several organisations."""

from django.utils.translation import gettext_lazy as _

from strategy.organisations.models import Organisation
from strategy.organisations.rules import member_scope, user_organisation


def offer_organisations(form, name, user, *, shared_label=None):
    """Keep the field `name` only when several organisations exist; returns whether it stays.

    A member's staff may choose only their own organisation. With `shared_label` the field
    may stay empty for users who act for everyone (e.g. a goal shared by all organisations);
    otherwise it is required and defaults to the user's organisation, else the root.
    """
    if not Organisation.objects.several():
        del form.fields[name]
        return False
    field = form.fields[name]
    scope = member_scope(user) if user is not None else None
    choices = Organisation.objects.order_by("parent_id", "order", "name")
    if scope is not None:
        field.queryset = choices.filter(pk=scope)
        field.required = True
        field.empty_label = None
        form.initial.setdefault(name, scope)
        return True
    field.queryset = choices
    if shared_label is not None:
        field.required = False
        field.empty_label = shared_label
    else:
        field.required = True
        if getattr(form.instance, f"{name}_id", None) is None:
            own = user_organisation(user) if user is not None else None
            form.initial.setdefault(name, (own or Organisation.objects.root()).pk)
    return True


SHARED_GOAL = _("Shared by all organisations")
