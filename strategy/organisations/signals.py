"""What the navigation needs to know of the user's organisation, noted once at login.

The staff navigation is on every page; asking for the user's organisation there would cost a
query on each. Whether the user acts for the whole federation is noted in the session when
they log in. It only decides which links the navigation shows: every view still asks the gate.
"""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from strategy.organisations.rules import may_edit_for

ACTS_FOR_FEDERATION = "acts_for_federation"


@receiver(user_logged_in, dispatch_uid="note_federation_scope")
def note_federation_scope(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[ACTS_FOR_FEDERATION] = may_edit_for(user, None)
