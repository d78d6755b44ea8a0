"""Who may act for which organisation: the one rule behind every edit gate.

A staff user belongs to one organisation (StaffProfile.organisation). Users of the root,
and users without an organisation, act for the whole federation, as everyone did before
there were organisations. A member's users act for their own organisation only.
"""

from django.db.models import Exists, Q

from strategy.organisations.models import Organisation


def user_organisation(user):
    """The organisation `user` belongs to, or None (no profile or no organisation).

    One query per user object, remembered on it: a request asks several times.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_organisation"):
        # The profile lives in a higher layer; its reverse relation reaches it unimported.
        user._organisation = Organisation.objects.filter(staff__user=user).first()
    return user._organisation


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


def may_edit_for_q(user, field):
    """`may_edit_for` as a filter on `field` (an organisation id), in the same query.

    For lists and counts on every page (the navigation): asking for the user's organisation
    first would cost a query of its own.
    """
    if hasattr(user, "_organisation"):
        scope = member_scope(user)
        return Q() if scope is None else Q(**{field: scope})
    member = Organisation.objects.filter(staff__user=user.pk, parent__isnull=False)
    return Q(**{field: member.values("pk")[:1]}) | ~Exists(member)


class FederationWide:
    """Mixed into models whose rows belong to the whole federation (principles, fields, the
    catalogues of actors and funding programmes, the site profile, the legal pages): every
    member's staff read them, the root's staff write them (StaffPermissionMixin asks)."""

    @classmethod
    def may_be_written_by(cls, user):
        return may_edit_for(user, None)

    def can_be_edited_by(self, user):
        return may_edit_for(user, None)


class FederationCatalogue(FederationWide):
    """Mixed into the shared catalogues (actors, funding programmes): every member's Redaktion
    adds the local association or the programme its own measure needs, but an entry may be in
    other members' measures, so only the root's staff change or delete it."""

    @classmethod
    def may_be_written_by(cls, user):
        return True
