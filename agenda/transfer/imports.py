"""Importing measures from an exported CSV or XLSX file: the service and its outcomes."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from agenda.transfer.files import (
    MAX_BYTES,
    MAX_ROWS,
    ImportRefused,
    Problem,
    column_positions,
    read_table,
    refuse,
)
from agenda.transfer.rows import HEADERS, PARTS, RowReader
from agenda.transfer.table_format import FILE_LANGUAGE, cell_text
from measures.models import Measure
from strategy.organisations.rules import may_edit_for, member_scope

# The limits and the refusal live with the file reading; callers import them from here.
__all__ = ["MAX_BYTES", "MAX_ROWS", "ImportRefused", "ImportResult", "Problem", "import_measures"]

REASON_LENGTH = 100  # django-simple-history's change reason column


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: int = 0


@transaction.atomic
def import_measures(*, content, filename, user=None):
    """Create or update the measures of an exported table: every row or none.

    Every row is checked before anything is written; one problem anywhere and nothing
    changes. Measures are matched by reference: new references are created, known ones
    updated. Only what differs is written, so importing an unchanged export changes nothing.
    Raises ImportRefused with every problem found; returns an ImportResult otherwise.
    """
    header, rows = read_table(content=content, filename=filename)
    positions = column_positions(header)
    rows = [
        (number, {key: cells[i] if i < len(cells) else None for key, i in positions.items()})
        for number, cells in rows
    ]
    references = {cell_text(cells.get("reference")).strip() for _number, cells in rows}
    # Locked until commit, so no colleague's save slips in between check and write.
    list(Measure.objects.filter(reference__in=references).select_for_update().values("pk"))
    reader = RowReader(references=references)
    problems, plans, seen = [], [], {}
    for number, cells in rows:
        row = reader.read(number, cells)
        problems += [Problem(number, column, message) for column, message in row.problems]
        if row.reference in seen:
            message = _("The reference “%(reference)s” already appears in row %(row)d.")
            params = {"reference": row.reference, "row": seen[row.reference]}
            problems.append(Problem(number, HEADERS["reference"].header, message % params))
            continue
        if row.reference:
            seen[row.reference] = number
        if not row.problems:
            plans.append(row)
    problems += stale_rows(plans) + foreign_rows(plans, user)
    if problems:
        raise ImportRefused(problems)
    with translation.override(FILE_LANGUAGE):
        reason = (_("Import from %(file)s") % {"file": filename})[:REASON_LENGTH]
    result = ImportResult()
    try:
        with transaction.atomic():
            for row in plans:
                apply_row(row, reason=reason, user=user, result=result)
    except IntegrityError:
        refuse(_("Someone saved a conflicting entry at the same moment. Please import again."))
    return result


def stale_rows(rows):
    """Rows that would overwrite a colleague's change made after the export, or might."""
    problems = []
    for row in rows:
        measure = row.measure
        if measure is None or not row.has_changes():
            continue
        if row.version is None:
            # Without the exported version a change made since cannot be told from one's own.
            message = _(
                "The version is missing. A measure that exists already is only updated with "
                "the version from the export, so that no change made since is overwritten. "
                "Export again and carry your changes over."
            )
        elif row.version != measure.version:
            message = _(
                "Someone changed this measure after the export (version %(old)d, now %(new)d). "
                "Export again and carry your changes over."
            ) % {"old": row.version, "new": measure.version}
        else:
            continue
        problems.append(Problem(row.number, HEADERS["version"].header, message))
    return problems


def foreign_rows(rows, user):
    """Rows a member's staff may not write: a measure of another organisation, or one that
    would move to another. A new measure without a lead goes to the user's own member."""
    if user is None:
        return []
    scope = member_scope(user)
    problems = []
    for row in rows:
        if row.measure is None and scope is not None:
            row.values.setdefault("lead_organisation_id", scope)
        if not row.has_changes():
            continue
        current = row.measure.lead_organisation_id if row.measure else None
        wanted = row.values.get("lead_organisation_id", current)
        if (row.measure is None or may_edit_for(user, current)) and may_edit_for(user, wanted):
            continue
        message = _(
            "This measure belongs to another organisation. You may only import measures of "
            "your own organisation."
        )
        problems.append(Problem(row.number, HEADERS["lead_organisation"].header, message))
    return problems


def _mark(obj, reason, user):
    obj._change_reason = reason
    if user is not None:
        obj._history_user = user


def apply_row(row, *, reason, user, result):
    measure = row.measure
    if measure is None:
        measure = Measure(**row.values)
        result.created.append(row.reference)
    elif row.has_changes():
        for name, value in row.field_changes().items():
            setattr(measure, name, value)
        result.updated.append(row.reference)
    else:
        result.unchanged += 1
        return
    links, parts = row.changed_links(), row.changed_parts()
    _mark(measure, reason, user)
    # Every change, a part's too, moves the version on: open edit forms are stale now.
    measure.save()
    for name in links:
        getattr(measure, name).set(row.links[name])
    for key in parts:
        related = PARTS[key][0]
        for obj in getattr(measure, related).all():
            _mark(obj, reason, user)
            obj.delete()
        for obj in row.parts[key]:
            obj.measure = measure
            _mark(obj, reason, user)
            obj.save()
