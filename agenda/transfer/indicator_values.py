"""Indicator values as an XLSX table: the export, and the import that reads it back.

One row per value: indicator number, name, goal, unit (to read; only the number is used to
match), date, value and comment. Rows are matched by indicator number and date: a known date
updates the value, a new one adds it. Every row is checked first; nothing is stored unless
the whole file is right.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.transfer.exports import XLSX_TYPE, new_sheet, xlsx_bytes, xlsx_cell
from agenda.transfer.files import ImportRefused, Problem, column_positions, read_table, refuse
from agenda.transfer.table_format import (
    FILE_LANGUAGE,
    cell_text,
    comparable,
    parse_date,
    parse_decimal,
)
from strategy.models import Indicator, IndicatorValue
from strategy.organisations.rules import may_edit_for_q

SHEET_TITLE = "Kennzahlen"


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy text
    width: int
    kind: str = "text"  # text, id, date, decimal

    @property
    def header(self):
        return self.header_for(FILE_LANGUAGE)

    def header_for(self, language):
        with translation.override(language):
            return str(capfirst(self.label))


COLUMNS = [
    Column("indicator", gettext_lazy("indicator number"), 14, "id"),
    Column("name", gettext_lazy("indicator"), 40),
    Column("goal", gettext_lazy("goal"), 40),
    # "Unit" alone is the organisational unit in the catalogue.
    Column("unit", gettext_lazy("Unit of measurement"), 12),
    Column("date", gettext_lazy("date"), 14, "date"),
    Column("value", gettext_lazy("value"), 14, "decimal"),
    Column("comment", gettext_lazy("comment"), 50),
]
HEADERS = {column.key: column for column in COLUMNS}
# Name, goal and unit are there for the reader; the import goes by number and date.
OPTIONAL = ("name", "goal", "unit", "comment")
COMMENT_LENGTH = IndicatorValue._meta.get_field("comment").max_length


def _values():
    return IndicatorValue.objects.select_related("indicator__goal__action_field").order_by(
        "indicator__goal__action_field__order",
        "indicator__goal__order",
        "indicator__order",
        "indicator_id",
        "date",
    )


def render_xlsx():
    """Every value of every indicator: (filename, content_type, bytes)."""
    workbook, sheet = new_sheet(SHEET_TITLE, COLUMNS, freeze="A2")
    for v in _values():
        goal = v.indicator.goal
        row = {
            "indicator": v.indicator_id,
            "name": v.indicator.name,
            "goal": f"{goal.action_field.code} {goal.title}",
            "unit": v.indicator.unit,
            "date": v.date,
            "value": v.value,
            "comment": v.comment,
        }
        sheet.append([xlsx_cell(sheet, row[c.key], c.kind) for c in COLUMNS])
    filename = f"kennzahlen-{timezone.localdate():%Y-%m-%d}.xlsx"
    return filename, XLSX_TYPE, xlsx_bytes(workbook)


@dataclass
class ValueImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    indicators: set = field(default_factory=set)


@dataclass
class Planned:
    number: int
    indicator_id: int
    date: object
    value: object
    comment: str


def _indicator_id(cell, known):
    text = cell_text(cell).strip()
    if not text:
        raise ValidationError(_("Enter the number of the indicator."))
    if not (text.isascii() and text.isdigit()) or int(text) not in known:
        raise ValidationError(_("There is no indicator with the number “%(id)s”.") % {"id": text})
    return int(text)


def _read_row(number, cells, known):
    """(Planned or None, problems) for one row."""
    problems, values = [], {}
    checks = {
        "indicator": lambda c: _indicator_id(c, known),
        "date": parse_date,
        "value": parse_decimal,
    }
    for key, check in checks.items():
        try:
            values[key] = check(cells.get(key))
        except ValidationError as error:
            problems += [Problem(number, HEADERS[key].header, m) for m in error.messages]
            continue
        if values[key] is None:
            message = _("This cell must not be empty.")
            problems.append(Problem(number, HEADERS[key].header, message))
    value = values.get("value")
    if value is not None and (abs(value) >= 10**12 or -value.as_tuple().exponent > 2):
        message = _("Enter a number below 1.000.000.000.000 with at most two decimals.")
        problems.append(Problem(number, HEADERS["value"].header, message))
    comment = cell_text(cells.get("comment")).strip()
    if len(comment) > COMMENT_LENGTH:
        message = _("The comment is longer than %(max)d characters.") % {"max": COMMENT_LENGTH}
        problems.append(Problem(number, HEADERS["comment"].header, message))
    if problems:
        return None, problems
    return Planned(number, values["indicator"], values["date"], value, comment), []


@transaction.atomic
def import_indicator_values(*, content, filename, user=None):
    """Add or update the values of an exported table: every row or none. A member's staff
    (`user`) may only write values of their own member's indicators.

    Raises ImportRefused with every problem found; returns a ValueImportResult otherwise.
    """
    header, rows = read_table(content=content, filename=filename, sheet_title=SHEET_TITLE)
    positions = column_positions(header, COLUMNS, optional=OPTIONAL)
    known = set(Indicator.objects.values_list("pk", flat=True))
    writable = known
    if user is not None:
        mine = Indicator.objects.filter(may_edit_for_q(user, "goal__organisation_id"))
        writable = set(mine.values_list("pk", flat=True))
    problems, plans, seen = [], [], {}
    for number, raw in rows:
        cells = {key: raw[i] if i < len(raw) else None for key, i in positions.items()}
        plan, found = _read_row(number, cells, known)
        problems += found
        if plan is None:
            continue
        if plan.indicator_id not in writable:
            message = _(
                "This indicator belongs to another organisation. You may only import values "
                "of your own organisation's indicators."
            )
            problems.append(Problem(number, HEADERS["indicator"].header, message))
            continue
        key = (plan.indicator_id, plan.date)
        if key in seen:
            message = _(
                "Indicator %(id)d has a second value for %(date)s here; it first appears in "
                "row %(row)d."
            ) % {"id": plan.indicator_id, "date": plan.date.strftime("%d.%m.%Y"), "row": seen[key]}
            problems.append(Problem(number, HEADERS["date"].header, message))
            continue
        seen[key] = number
        plans.append(plan)
    if problems:
        raise ImportRefused(problems)
    existing = {
        (v.indicator_id, v.date): v
        for v in IndicatorValue.objects.select_for_update().filter(
            indicator_id__in={p.indicator_id for p in plans}
        )
    }
    result = ValueImportResult()
    try:
        with transaction.atomic():
            for plan in plans:
                _apply(plan, existing.get((plan.indicator_id, plan.date)), result)
    except IntegrityError:
        refuse(_("Someone saved a conflicting entry at the same moment. Please import again."))
    return result


def _apply(plan, value, result):
    result.indicators.add(plan.indicator_id)
    if value is None:
        IndicatorValue.objects.create(
            indicator_id=plan.indicator_id, date=plan.date, value=plan.value, comment=plan.comment
        )
        result.created += 1
    elif comparable(value.value) != comparable(plan.value) or value.comment != plan.comment:
        value.value, value.comment = plan.value, plan.comment
        value.save(update_fields=["value", "comment"])
        result.updated += 1
    else:
        result.unchanged += 1
