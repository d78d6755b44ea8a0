"""Checking one row of an imported table and turning it into a measure's values and parts."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.transfer.files import normalise
from agenda.transfer.table_format import (
    COLUMNS,
    FILE_LANGUAGE,
    cell_text,
    comparable,
    export_queryset,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_lines,
    parse_milestone_state,
    same,
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
from strategy.models import ActionField, Goal, GuidingPrinciple, Organisation

HEADERS = {column.key: column for column in COLUMNS}
# Resolved from the lookup tables already; the model's own check would query each one.
FOREIGN_KEYS = {"action_field", "responsible_unit", "contact_person", "lead_organisation"}
PART_RELATIONS = {"measure", "actor", "programme"}
UNKNOWN = {
    "field": gettext_lazy("There is no action field with the number “%(name)s”."),
    "actor": gettext_lazy("There is no actor named “%(name)s”."),
    "programme": gettext_lazy("There is no funding programme named “%(name)s”."),
    "goals": gettext_lazy("There is no goal titled “%(name)s”."),
    "principles": gettext_lazy("There is no guiding principle titled “%(name)s”."),
    "user": gettext_lazy("There is no user with the user name “%(name)s”."),
    "organisation": gettext_lazy("There is no organisation with the short name “%(name)s”."),
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
            index.update({normalise(str(label)): value for value, label in choices})
            labels = [str(label) for _value, label in choices]
    index.update({normalise(str(value)): value for value, _label in choices})
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
            "organisation": Index(Organisation.objects.all(), "slug", UNKNOWN["organisation"]),
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
            if column.optional and column.key not in cells:
                continue  # a column the file may lack: the stored value stays
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
        elif kind == "organisation":
            if text:  # empty: the measure keeps its lead, a new one gets the default
                row.values["lead_organisation_id"] = self.index["organisation"].get(text).pk
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
            if text and not (text.isascii() and text.isdigit()):
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
            return index[normalise(text)]
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
