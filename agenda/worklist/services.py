"""The worklist's one write: several measures' status and progress reports in one go."""

from django.db import transaction

from measures.models import EditConflict, ProgressReport
from measures.services import file_progress_report

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
    reports = []
    for row in rows:
        measure = row["measure"]
        if not measure.can_be_edited_by(user):
            raise PermissionError(measure.pk)
        measure.version = row["version"]
        measure.status = row["status"]
        # Saved even when the status stays: the version check covers the report too.
        measure.save(update_fields=["status", "updated_at"])
        report = ProgressReport(
            date=row["date"],
            percent=row["percent"],
            text=row["text"],
            problems=row["problems"],
            next_steps=row["next_steps"],
        )
        reports.append(file_progress_report(report=report, measure=measure, user=user))
    return reports
