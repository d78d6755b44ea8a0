"""The worklist's one write: several measures' status and progress reports in one go."""

from django.db import transaction
from django.utils import timezone

from measures.models import EditConflict, ProgressReport

__all__ = ["EditConflict", "update_measures"]


@transaction.atomic
def update_measures(*, user, rows):
    """Save a progress report (and the status) for each row, all or nothing.

    `rows` are dicts with `measure` (loaded, editable by `user`), `version` (the version the
    user started from), `status`, `date`, `percent`, `text`, `problems`, `next_steps`.
    Reports by users who may release them are released at once, others wait as drafts.
    A measure changed meanwhile raises EditConflict (its `measure` says which) and nothing
    is stored. Returns the reports created.
    """
    releases = user.has_perm("measures.release_progressreport")
    now = timezone.now()
    reports = []
    for row in rows:
        measure = row["measure"]
        if not measure.can_be_edited_by(user):
            raise PermissionError(measure.pk)
        measure.version = row["version"]
        measure.status = row["status"]
        # Saved even when the status stays: the version check covers the report too.
        measure.save(update_fields=["status", "updated_at"])
        reports.append(
            ProgressReport.objects.create(
                measure=measure,
                date=row["date"],
                percent=row["percent"],
                text=row["text"],
                problems=row["problems"],
                next_steps=row["next_steps"],
                author=user,
                created_at=now,
                released_at=now if releases else None,
                released_by=user if releases else None,
            )
        )
    return reports
