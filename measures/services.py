from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.models import EditConflict, Measure, ProgressReport

__all__ = [
    "EditConflict",
    "file_progress_report",
    "releasable_drafts",
    "release_progress_reports",
    "save_measure",
]

RELEASE_PERMISSION = "measures.release_progressreport"


@transaction.atomic
def save_measure(*, form, formsets, expected_version=None):
    """Save a measure with its milestones, funding lines and actors as one unit.

    For an existing measure, `expected_version` is the version the editor started from.
    If the stored version has moved on, nothing is written and EditConflict is raised.
    """
    measure = form.instance
    if measure.pk:
        if expected_version is None:
            raise EditConflict(Measure.objects.get(pk=measure.pk), 0)
        # Measure.save() refuses the write if the stored version is not this one; the UPDATE
        # then holds the row's lock until commit, so the parts are saved under it too.
        measure.version = expected_version
    measure = form.save()
    for formset in formsets:
        formset.instance = measure
        formset.save()
    return measure


def can_release(user):
    return user.has_perm(RELEASE_PERMISSION)


def releasable_drafts(user):
    """The drafts `user` may release: a member's Redaktion those of its member's measures."""
    return ProgressReport.objects.drafts().filter(measure__in=Measure.objects.editable_by(user))


@transaction.atomic
def file_progress_report(*, report, measure, user):
    """Store a progress report written by `user`: released at once if they may release,
    otherwise a draft that waits for Redaktion (and does not move the light meanwhile)."""
    report.measure = measure
    report.author = user
    if can_release(user):
        report.released_at = timezone.now()
        report.released_by = user
    else:
        report.released_at = None
        report.released_by = None
    report.save()
    return report


@transaction.atomic
def release_progress_reports(*, reports, user):
    """Release the given drafts in one go; returns the reports released.

    Reports someone released meanwhile are left as they are, so a second click changes
    nothing and no release is recorded twice; so are reports of measures `user` may not edit.
    """
    if not can_release(user):
        raise PermissionDenied(_("You may not release progress reports."))
    ids = [report.pk for report in reports]
    drafts = list(releasable_drafts(user).filter(pk__in=ids).select_for_update().order_by("pk"))
    now = timezone.now()
    for draft in drafts:
        draft.released_at = now
        draft.released_by = user
        # One save per report, so each release shows in the measure's history.
        draft.save(update_fields=["released_at", "released_by"])
    return drafts
