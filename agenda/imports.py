"""Import of measures from a CSV or XLSX file in the export format (agenda/exports.py).

Every row is checked before anything is written; one problem anywhere and nothing changes.
Measures are matched by reference: new references are created, known ones updated. Only
what differs is written, so importing an unchanged export changes nothing at all.
"""

import csv
import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from agenda.exports import (
    COLUMNS,
    FILE_LANGUAGE,
    SHEET_TITLE,
    cell_text,
    comparable,
    export_queryset,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_lines,
    parse_milestone_state,
    same,
    unguard,
)
from measures.models import (
    Actor,
    FundingLevel,
    FundingLine,
    FundingProgramme,
    Measure,
    MeasureActor,
    Milestone,
)
from strategy.models import ActionField, Goal, GuidingPrinciple

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
# An XLSX file is a zip archive; a small upload may unpack to gigabytes.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
REASON_LENGTH = 100  # django-simple-history's change reason column
HEADERS = {column.key: column for column in COLUMNS}
# Resolved from the lookup tables already; the model's own check would query each one.
FOREIGN_KEYS = {"action_field", "responsible_unit", "contact_person"}
PART_RELATIONS = {"measure", "actor", "programme"}
UNKNOWN = {
    "field": gettext_lazy("There is no action field with the number “%(name)s”."),
    "actor": gettext_lazy("There is no actor named “%(name)s”."),
    "programme": gettext_lazy("There is no funding programme named “%(name)s”."),
    "goals": gettext_lazy("There is no goal titled “%(name)s”."),
    "principles": gettext_lazy("There is no guiding principle titled “%(name)s”."),
    "user": gettext_lazy("There is no user with the user name “%(name)s”."),
}
DATE_ORDER = [
    (
        "planned_start",
        "planned_end",
        gettext_lazy("The target date must not be before the planned start."),
    ),
    (
        "actual_start",
        "actual_end",
        gettext_lazy("The actual end must not be before the actual start."),
    ),
]
# Per part: the related name on Measure and the values that make two parts the same.
PARTS = {
    "actors": ("participations", ["actor_id", "contribution"]),
    "milestones": ("milestones", ["due_date", "title", "done"]),
    "funding_lines": (
        "funding_lines",
        ["source", "programme_id", "amount", "status", "application_deadline", "note"],
    ),
}


@dataclass(frozen=True)
class Problem:
    row: int | None  # as Excel numbers it; None for the file as a whole
    column: str
    message: str


class ImportRefused(Exception):
    """The file was not imported; `problems` says why, row by row."""

    def __init__(self, problems):
        # By row; within a row in the order found, which is the order of the columns.
        self.problems = sorted(problems, key=lambda p: p.row or 0)
        super().__init__(_("Nothing was imported: the file has problems."))


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: int = 0


def refuse(message, row=None, column=""):
    raise ImportRefused([Problem(row, column, message)])


def _read_csv(content):
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        refuse(_("The file is in UTF-16. Save it as “CSV UTF-8” and upload it again."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # What German Excel writes for plain “CSV (Trennzeichen-getrennt)”.
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            refuse(_("The file is neither a CSV file nor an XLSX file."))
    first_line = text.split("\n", 1)[0]
    delimiter = next((d for d in (";", "\t", ",") if d in first_line), ";")
    try:
        for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield [unguard(cell) for cell in cells]
    except csv.Error as error:
        refuse(_("The CSV file cannot be read: %(error)s") % {"error": error})


def _read_xlsx(content):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        refuse(_("The file is not a valid XLSX file."))
    if unpacked > MAX_UNPACKED_BYTES:
        refuse(_("The XLSX file unpacks to too much data."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        refuse(_("The file is not a valid XLSX file."))
    try:
        names = workbook.sheetnames
        sheet = workbook[SHEET_TITLE] if SHEET_TITLE in names else workbook.worksheets[0]
        yield from (list(values) for values in sheet.iter_rows(values_only=True))
    except Exception:  # noqa: BLE001
        refuse(_("The file is not a valid XLSX file."))
    finally:
        workbook.close()


def read_table(*, content, filename):
    """(header, rows) of the file; rows are (row number as Excel shows it, raw cells)."""
    if not content:
        refuse(_("The file is empty."))
    if len(content) > MAX_BYTES:
        refuse(_("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // 2**20})
    name = filename.lower()
    if content.startswith(b"PK\x03\x04"):
        records = _read_xlsx(content)
    elif name.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        refuse(_("The file is not a valid XLSX file."))
    elif name.endswith((".csv", ".txt")):
        records = _read_csv(content)
    else:
        refuse(_("Upload a CSV or XLSX file."))
    header, rows = None, []
    for number, cells in enumerate(records, start=1):
        if not any(cell_text(cell).strip() for cell in cells):
            continue
        if header is None:
            header = [cell_text(cell) for cell in cells]
        elif len(rows) >= MAX_ROWS:
            refuse(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
        else:
            rows.append((number, cells))
    if header is None:
        refuse(_("The file is empty."))
    return header, rows


def _normalise(text):
    return " ".join(text.split()).casefold()


def column_positions(header):
    """Column key -> position in the file, by German header, English header or key."""
    names = {}
    for column in COLUMNS:
        for name in (column.header, column.header_for("en"), column.key):
            names[_normalise(name)] = column
    positions, problems = {}, []
    for index, text in enumerate(header):
        column = names.get(_normalise(text))
        if column is None:
            continue  # the user's own helper columns are left alone
        if column.key in positions:
            problems.append(Problem(1, text, _("This column appears twice.")))
        positions[column.key] = index
    for column in COLUMNS:
        if column.key not in positions and column.key != "version":
            problems.append(Problem(1, column.header, _("This column is missing.")))
    if problems:
        raise ImportRefused(problems)
    return positions


class Index:
    """Objects by a name, exact first, else ignoring case."""

    def __init__(self, objects, attribute, unknown):
        self.exact, self.folded, self.unknown = defaultdict(list), defaultdict(list), unknown
        for obj in objects:
            self.exact[getattr(obj, attribute)].append(obj)
            self.folded[getattr(obj, attribute).casefold()].append(obj)

    def get(self, name, *preferences):
        """The one object of that name; of several, the one the preferences single out."""
        candidates = self.exact.get(name) or self.folded.get(name.casefold(), [])
        for prefer in preferences:
            if len(candidates) > 1:
                candidates = [c for c in candidates if prefer(c)] or candidates
        if not candidates:
            raise ValidationError(str(self.unknown) % {"name": name})
        if len(candidates) > 1:
            raise ValidationError(_("“%(name)s” is ambiguous.") % {"name": name})
        return candidates[0]


def choice_index(choices):
    """(value, German label or English label -> stored value; the German labels)."""
    index = {}
    for language in ("en", FILE_LANGUAGE):
        with translation.override(language):
            index.update({_normalise(str(label)): value for value, label in choices})
            labels = [str(label) for _value, label in choices]
    index.update({_normalise(str(value)): value for value, _label in choices})
    return index, labels


def messages_of(error, model=None):
    """The messages of a ValidationError, each field's with the field's name in front."""
    if model is None or not hasattr(error, "error_dict"):
        return error.messages
    messages = []
    for name, texts in error.message_dict.items():
        label = "" if name == NON_FIELD_ERRORS else model._meta.get_field(name).verbose_name
        messages += [f"{capfirst(label)}: {text}" if label else text for text in texts]
    return messages


def _same_parts(existing, wanted, names):
    def rows(objects):
        return sorted(tuple(comparable(getattr(o, n)) for n in names) for o in objects)

    return rows(existing) == rows(wanted)


@dataclass
class Row:
    number: int
    reference: str
    measure: Measure | None
    values: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)
    parts: dict = field(default_factory=dict)
    version: int | None = None
    problems: list = field(default_factory=list)

    def field_changes(self):
        return {
            name: value
            for name, value in self.values.items()
            if not same(getattr(self.measure, name), value)
        }

    def changed_links(self):
        return [
            name
            for name, objects in self.links.items()
            if self.measure is None
            or {o.pk for o in getattr(self.measure, name).all()} != {o.pk for o in objects}
        ]

    def changed_parts(self):
        """Parts are replaced as a whole, and only where the file differs."""
        return [
            key
            for key, (related, names) in PARTS.items()
            if self.measure is None
            or not _same_parts(getattr(self.measure, related).all(), self.parts[key], names)
        ]

    def has_changes(self):
        return bool(
            self.measure is None
            or self.field_changes()
            or self.changed_links()
            or self.changed_parts()
        )


class RowReader:
    """Turns the cells of one row into values, links and parts, or into problems."""

    def __init__(self, *, references):
        measures = export_queryset(Measure.objects.filter(reference__in=references))
        self.measures = {m.reference: m for m in measures}
        users = get_user_model().objects.all()
        self.index = {
            "field": Index(ActionField.objects.all(), "code", UNKNOWN["field"]),
            "actor": Index(Actor.objects.all(), "name", UNKNOWN["actor"]),
            "programme": Index(FundingProgramme.objects.all(), "name", UNKNOWN["programme"]),
            "goals": Index(Goal.objects.all(), "title", UNKNOWN["goals"]),
            "principles": Index(GuidingPrinciple.objects.all(), "title", UNKNOWN["principles"]),
            "user": Index(users, get_user_model().USERNAME_FIELD, UNKNOWN["user"]),
        }
        self.staff = set(
            users.filter(is_active=True, groups__isnull=False).values_list("pk", flat=True)
        )
        self.choices = {
            "status": choice_index(Measure.Status.choices),
            "priority": choice_index(Measure.Priority.choices),
            "feasibility": choice_index(Measure.Feasibility.choices),
            "source": choice_index(FundingLevel.choices),
            "line_status": choice_index(FundingLine.Status.choices),
        }

    def read(self, number, cells):
        reference = cell_text(cells.get("reference")).strip()
        row = Row(number, reference, self.measures.get(reference))
        for column in COLUMNS:
            value = cells.get(column.key)
            if "\x00" in cell_text(value):
                row.problems.append((column.header, _("The cell contains a NUL character.")))
                continue
            try:
                self.read_cell(row, column, value)
            except ValidationError as error:
                row.problems += [(column.header, message) for message in error.messages]
        self.check_measure(row)
        return row

    def read_cell(self, row, column, value):
        key, kind, text = column.key, column.kind, cell_text(value).strip()
        if kind == "text":
            row.values[key] = text
        elif kind == "field":
            row.values["action_field_id"] = self.index["field"].get(text).pk
        elif kind in ("goals", "principles"):
            # Of several with one title: the one linked already, else the one in the field.
            linked = {o.pk for o in getattr(row.measure, key).all()} if row.measure else set()
            field_id = row.values.get("action_field_id")
            preferences = [lambda o: o.pk in linked]
            if kind == "goals":
                preferences.append(lambda o: o.action_field_id == field_id)
            row.links[key] = self.each_line(
                value, 1, lambda f: self.index[kind].get(f[0], *preferences)
            )
        elif kind == "choice":
            row.values[key] = self.choice(key, text, column.field.get_default())
        elif kind == "bool":
            row.values[key] = parse_bool(value)
        elif kind in ("actor", "user"):
            target = self.index[kind].get(text) if text else None
            if kind == "user":
                self.check_staff(row, target, text)
            row.values[column.field.attname] = target.pk if target else None
        elif kind == "decimal":
            parsed = parse_decimal(value)
            row.values[key] = column.field.get_default() if parsed is None else parsed
        elif kind == "date":
            row.values[key] = parse_date(value)
        elif kind == "version":
            if text and not text.isdigit():
                raise ValidationError(_("Leave the version as it was exported."))
            row.version = int(text) if text else None
        elif kind == "actors":
            row.parts[key] = self.each_line(value, 2, self.actor_part, MeasureActor)
            if len({p.actor_id for p in row.parts[key]}) < len(row.parts[key]):
                raise ValidationError(_("An actor is listed twice."))
        elif kind == "milestones":
            row.parts[key] = self.each_line(value, 3, milestone_part, Milestone)
        else:
            row.parts[key] = self.each_line(value, 6, self.funding_part, FundingLine)

    def actor_part(self, fields):
        return MeasureActor(actor=self.index["actor"].get(fields[0]), contribution=fields[1])

    def funding_part(self, fields):
        source, programme, amount, status, deadline, note = fields
        amount = parse_decimal(amount)
        if amount is None:
            raise ValidationError(_("Enter an amount."))
        return FundingLine(
            source=self.choice("source", source, None),
            programme=self.index["programme"].get(programme) if programme else None,
            amount=amount,
            status=self.choice("line_status", status, FundingLine.Status.PLANNED),
            application_deadline=parse_date(deadline),
            note=note,
        )

    def each_line(self, value, width, build, model=None):
        """Every line of a cell through `build`; a problem names the line it is in."""
        objects, messages = [], []
        for number, fields in enumerate(parse_lines(value, width), start=1):
            try:
                obj = build(fields + [""] * (width - len(fields)))
                if model is not None:
                    # Without the relations, already resolved: no query per line.
                    obj.full_clean(
                        exclude=PART_RELATIONS, validate_unique=False, validate_constraints=False
                    )
                objects.append(obj)
            except ValidationError as error:
                messages += [
                    _("Line %(line)d: %(problem)s") % {"line": number, "problem": message}
                    for message in messages_of(error, model)
                ]
        if messages:
            raise ValidationError(messages)
        return objects

    def choice(self, name, text, default):
        if not text:
            if default is None:
                raise ValidationError(_("This field cannot be blank."))
            return default
        index, labels = self.choices[name]
        try:
            return index[_normalise(text)]
        except KeyError:
            message = _("“%(value)s” is not one of: %(choices)s.")
            raise ValidationError(message % {"value": text, "choices": ", ".join(labels)}) from None

    def check_staff(self, row, user, name):
        # A former colleague may stay contact person of a measure, but not become one.
        current = row.measure.contact_person_id if row.measure else None
        if user and user.pk not in self.staff and user.pk != current:
            raise ValidationError(_("“%(name)s” is not an active staff member.") % {"name": name})

    def check_measure(self, row):
        """The model's own rules (lengths, reference pattern, minimums) and the date order."""
        failed = {header for header, _message in row.problems}
        exclude = FOREIGN_KEYS | {c.key for c in COLUMNS if c.header in failed}
        try:
            Measure(**row.values).full_clean(
                exclude=exclude, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                header = HEADERS[name].header if name in HEADERS else ""
                row.problems += [(header, message) for message in messages]
        values = row.values
        for start, end, message in DATE_ORDER:
            if values.get(start) and values.get(end) and values[end] < values[start]:
                row.problems.append((HEADERS[end].header, str(message)))


def milestone_part(fields):
    due_date, title, state = fields
    return Milestone(due_date=parse_date(due_date), title=title, done=parse_milestone_state(state))


@transaction.atomic
def import_measures(*, content, filename, user=None):
    """Create or update the measures of an exported table: every row or none.

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
    problems += stale_rows(plans)
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
    """Rows that would overwrite a colleague's change made after the export."""
    problems = []
    for row in rows:
        measure = row.measure
        if measure and row.version and row.version != measure.version and row.has_changes():
            message = _(
                "Someone changed this measure after the export (version %(old)d, now %(new)d). "
                "Export again and carry your changes over."
            ) % {"old": row.version, "new": measure.version}
            problems.append(Problem(row.number, HEADERS["version"].header, message))
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
