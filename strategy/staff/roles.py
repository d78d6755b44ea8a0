"""The four staff roles, as Django groups with model permissions.

This is the one place that says which role may do what. Object-level rules (a Fachbereich
member edits only the measures they are contact person for) sit on the model:
`Measure.can_be_edited_by`. Which organisation a user acts for (a member's staff only for
their member) is decided in strategy/organisations/rules.py.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

ADMINISTRATION = "Administration"
EDITORS = "Redaktion"
DEPARTMENT = "Fachbereich"
READ_ONLY = "Lesezugriff"

CONTENT_APPS = ["strategy", "measures"]
# Ideas carry citizens' names and addresses, and the legal pages speak for the county:
# only the editing roles touch them.
MODERATION_APPS = ["participation", "agenda"]

# Every role reads the editions and downloads their reports (council members included).
REPORT_READING = ["view_edition", "view_report"]
# Progress reports written by Fachbereich are drafts until Redaktion releases them.
RELEASING = ["release_progressreport"]

ROLE_DESCRIPTIONS = {
    ADMINISTRATION: _("Everything, including users and settings."),
    EDITORS: _("Edit all content."),
    DEPARTMENT: _("Edit the measures one is contact person for; read the rest."),
    READ_ONLY: _("Read only (steering group, council members)."),
}


def _perms(apps_=CONTENT_APPS, actions=("add", "change", "delete", "view"), extra=()):
    codenames = [f"{a}_" for a in actions]
    qs = Permission.objects.filter(content_type__app_label__in=apps_)
    chosen = [p for p in qs if any(p.codename.startswith(c) for c in codenames)]
    chosen += list(Permission.objects.filter(codename__in=extra))
    return chosen


def role_permissions():
    """Role name -> list of Permission objects."""
    return {
        ADMINISTRATION: _perms(apps_=CONTENT_APPS + MODERATION_APPS + ["auth"])
        + _perms(extra=["change_own_measure", *RELEASING]),
        EDITORS: _perms(apps_=CONTENT_APPS + MODERATION_APPS) + _perms(extra=RELEASING),
        DEPARTMENT: _perms(actions=("view",), extra=["change_own_measure", *REPORT_READING]),
        READ_ONLY: _perms(actions=("view",), extra=REPORT_READING),
    }


def sync_roles(**kwargs):
    """Create the role groups and set their permissions (run after every migrate)."""
    for name, perms in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(perms)
