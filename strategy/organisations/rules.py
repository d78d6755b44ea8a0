"""Who may act for which organisation: the one rule behind every edit gate.

A staff user belongs to one organisation (StaffProfile.organisation). Users of the root,
and users without an organisation, act for the whole federation, as everyone did before
there were organisations. A member's users act for their own organisation only.
"""


def user_organisation(user):
    """The organisation `user` belongs to, or None (no profile or no organisation)."""
    # The profile lives in a higher layer; the reverse relation reaches it without an import.
    profile = getattr(user, "staff_profile", None)
    if profile is None or profile.organisation_id is None:
        return None
    return profile.organisation


def member_scope(user):
    """The id of the member `user` is limited to, or None when they act for everyone."""
    organisation = user_organisation(user)
    if organisation is None or organisation.is_root:
        return None
    return organisation.pk


def may_edit_for(user, organisation_id):
    """May `user` edit what belongs to `organisation_id` (None: the whole federation)?"""
    scope = member_scope(user)
    return scope is None or scope == organisation_id
