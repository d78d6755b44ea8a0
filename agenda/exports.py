"""Measures as CSV, XLSX and JSON, and the published agenda as open data.

CSV and XLSX share one table: one row per measure, the columns in COLUMNS, parts (actors,
milestones, funding lines) and links (goals, principles) as one line each inside one cell.
The same definitions read the file back in agenda/imports.py, so export → Excel → import
round-trips. The file format is German whatever the user's language; docs/export-format.md
describes every column.

Every renderer follows one contract: render_*(queryset) -> (filename, content_type, bytes).
"""

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from measures.models import FundingLine, Measure, MeasureActor, Milestone
from strategy.models import ActionField, Goal, GuidingPrinciple

SHEET_TITLE = "Maßnahmen"
FILE_LANGUAGE = "de"
CSV_DELIMITER = ";"
JSON_FORMAT_VERSION = 1
# Inside a cell, the fields of one part are separated by " | ".
PART_SEPARATOR = " | "
# Excel runs a CSV cell starting with one of these as a formula (CSV injection); such a cell
# gets a leading apostrophe, and so does one starting with an apostrophe, to read back exactly.
GUARDED_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


@dataclass(frozen=True)
class Column:
    key: str
    kind: str  # text, field, goals, principles, choice, bool, actor, user, decimal, date, parts…
    width: int
    model: type = Measure

    @property
    def header(self):
        """The column header in the file's language (German)."""
        return self.header_for(FILE_LANGUAGE)

    def header_for(self, language):
        with translation.override(language):
            if self.model is not Measure:
                return str(capfirst(self.model._meta.verbose_name_plural))
            return str(capfirst(Measure._meta.get_field(self.key).verbose_name))

    @property
    def field(self):
        return Measure._meta.get_field(self.key) if self.model is Measure else None


COLUMNS = [
    Column("reference", "text", 12),
    Column("title", "text", 40),
    Column("summary", "text", 40),
    Column("description", "text", 60),
    Column("action_field", "field", 14),
    Column("goals", "goals", 40),
    Column("principles", "principles", 40),
    Column("status", "choice", 16),
    Column("priority", "choice", 12),
    Column("is_published", "bool", 14),
    Column("feasibility", "choice", 24),
    Column("feasibility_text", "text", 40),
    Column("responsible_unit", "actor", 30),
    Column("contact_person", "user", 16),
    Column("staff_days", "decimal", 14),
    Column("one_off_cost", "decimal", 16),
    Column("running_cost_per_year", "decimal", 16),
    Column("external_cost", "decimal", 16),
    Column("figures_are_examples", "bool", 14),
    Column("planned_start", "date", 14),
    Column("planned_end", "date", 14),
    Column("actual_start", "date", 14),
    Column("actual_end", "date", 14),
    Column("actors", "actors", 50, MeasureActor),
    Column("milestones", "milestones", 50, Milestone),
    Column("funding_lines", "funding", 70, FundingLine),
    # Read back only to notice a colleague's change made after the export.
    Column("version", "version", 10),
]


def yes_no(value):
    return _("Yes") if value else _("No")


def milestone_state(done):
    # Lower case: inside a line the word reads as a state, not as a heading.
    return (_("done") if done else _("open")).lower()


def german_number(value, places):
    """1234.5 -> "1.234,50", independent of the active locale."""
    text = f"{value:,.{places}f}"
    return text.translate(str.maketrans(",.", ".,"))


def german_date(value):
    return value.strftime("%d.%m.%Y") if value else ""


def escape(text):
    """One field of a part line: backslash, pipe and line break are escaped."""
    text = str(text).replace("\r\n", "\n").replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\n", "\\n")


def part_line(*fields):
    fields = [escape(f) for f in fields]
    while fields and not fields[-1]:
        fields.pop()
    return PART_SEPARATOR.join(fields)


def guard(text):
    return f"'{text}" if text.startswith(GUARDED_STARTS) else text


def unguard(text):
    return text[1:] if text.startswith("'") and text[1:].startswith(GUARDED_STARTS) else text


def cell_text(value):
    """A cell as text, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def comparable(value):
    """A stored value as text that equal values share: 8000 and 8000.00, CRLF and LF, "" and
    None, outer white space, characters a spreadsheet cannot hold."""
    if isinstance(value, Decimal):
        return str(value.normalize())
    if value is None or isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value or "")
        return text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return str(value)


def same(old, new):
    return comparable(old) == comparable(new)


def parse_decimal(value):
    """German (1.234,56), plain (1234.56) or a spreadsheet number; None when empty."""
    if isinstance(value, bool):
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": value})
    if isinstance(value, int | float | Decimal):
        # 15 significant digits drop binary noise such as 0.30000000000000004.
        return Decimal(format(value, ".15g"))
    text = re.sub(r"\s|€|EUR", "", cell_text(value), flags=re.IGNORECASE)
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValidationError(
            _("“%(value)s” is not a number. Write numbers like 1.234,56.")
            % {"value": cell_text(value)}
        )
    return Decimal(text)


def parse_date(value):
    """TT.MM.JJJJ, JJJJ-MM-TT or a spreadsheet date; None when empty."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value).strip()
    if not text:
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError(
        _("“%(value)s” is not a valid date. Write dates as DD.MM.YYYY.") % {"value": text}
    )


def _words(*labels):
    with translation.override(FILE_LANGUAGE):
        german = {str(label).casefold() for label in labels}
    return german | {str(label).casefold() for label in labels}


def parse_bool(value):
    if isinstance(value, bool):
        return value
    text = cell_text(value).strip().casefold()
    if text in _words(_("Yes"), _("done"), "true", "wahr", "x", "1"):
        return True
    if text in _words(_("No"), _("open"), "false", "falsch", "0", ""):
        return False
    raise ValidationError(
        _("“%(value)s” is neither “%(yes)s” nor “%(no)s”.")
        % {"value": cell_text(value), "yes": yes_no(True), "no": yes_no(False)}
    )


def parse_milestone_state(text):
    try:
        return parse_bool(text)
    except ValidationError:
        raise ValidationError(
            _("“%(value)s” is neither “%(done)s” nor “%(open)s”.")
            % {"value": text, "done": milestone_state(True), "open": milestone_state(False)}
        ) from None


def split_fields(line, width):
    """The fields of one part line, at most `width`: the last one keeps further pipes."""
    fields, current, chars = [], [], iter(line)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            current.append({"n": "\n", "\\": "\\", "|": "|"}.get(following, char + following))
        elif char == "|" and len(fields) < width - 1:
            fields.append("".join(current))
            current = []
        else:
            current.append(char)
    fields.append("".join(current))
    return [f.strip() for f in fields]


def parse_lines(text, width):
    lines = cell_text(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [split_fields(line, width) for line in lines if line.strip()]


def export_queryset(queryset):
    """Everything a row needs, in a fixed number of queries."""
    return queryset.select_related(
        "action_field", "responsible_unit", "contact_person"
    ).prefetch_related(
        Prefetch(
            "goals",
            queryset=Goal.objects.select_related("action_field").order_by(
                "action_field__order", "order", "id"
            ),
        ),
        "principles",
        Prefetch("participations", queryset=MeasureActor.objects.select_related("actor")),
        "milestones",
        Prefetch("funding_lines", queryset=FundingLine.objects.select_related("programme")),
    )


def _places(name):
    return Measure._meta.get_field(name).decimal_places


def row_values(measure):
    """Column key -> value for one measure: text, Decimal, date or int (call in German)."""
    values = {}
    for column in COLUMNS:
        key = column.key
        if column.kind == "text":
            values[key] = getattr(measure, key)
        elif column.kind == "field":
            values[key] = measure.action_field.code
        elif column.kind in ("goals", "principles"):
            values[key] = "\n".join(part_line(o.title) for o in getattr(measure, key).all())
        elif column.kind == "choice":
            values[key] = getattr(measure, f"get_{key}_display")()
        elif column.kind == "bool":
            values[key] = yes_no(getattr(measure, key))
        elif column.kind == "actor":
            values[key] = measure.responsible_unit.name if measure.responsible_unit else ""
        elif column.kind == "user":
            values[key] = measure.contact_person.get_username() if measure.contact_person else ""
        elif column.kind in ("decimal", "date", "version"):
            values[key] = getattr(measure, key)
        elif column.kind == "actors":
            values[key] = "\n".join(
                part_line(p.actor.name, p.contribution) for p in measure.participations.all()
            )
        elif column.kind == "milestones":
            values[key] = "\n".join(
                part_line(german_date(m.due_date), m.title, milestone_state(m.done))
                for m in measure.milestones.all()
            )
        elif column.kind == "funding":
            values[key] = "\n".join(
                part_line(
                    line.get_source_display(),
                    line.programme.name if line.programme else "",
                    german_number(line.amount, 2),
                    line.get_status_display(),
                    german_date(line.application_deadline),
                    line.note,
                )
                for line in measure.funding_lines.all()
            )
    return values


def _csv_cell(column, value):
    if value is None:
        return ""
    if column.kind == "decimal":
        return german_number(value, _places(column.key))
    if column.kind == "date":
        return german_date(value)
    return guard(str(value))


def _filename(extension):
    return f"massnahmen-{timezone.localdate():%Y-%m-%d}.{extension}"


def render_csv(queryset):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    with translation.override(FILE_LANGUAGE):
        writer.writerow([column.header for column in COLUMNS])
        for measure in export_queryset(queryset):
            values = row_values(measure)
            writer.writerow([_csv_cell(c, values[c.key]) for c in COLUMNS])
    # The byte order mark tells Excel the file is UTF-8.
    content = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return _filename("csv"), "text/csv; charset=utf-8", content


def _xlsx_cell(sheet, column, value):
    if isinstance(value, str):
        # Characters XML cannot hold (vertical tab pasted from Word) are dropped.
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        # Always text, never a formula, even when it starts with "=".
        cell.data_type = "s"
        if "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if column.kind == "decimal":
        cell.number_format = "#,##0.0" if _places(column.key) == 1 else "#,##0.00"
    elif column.kind == "date":
        cell.number_format = "DD.MM.YYYY"
    return cell


def render_xlsx(queryset):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "B2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    bold = Font(bold=True)
    with translation.override(FILE_LANGUAGE):
        header = []
        for column in COLUMNS:
            cell = WriteOnlyCell(sheet, value=column.header)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for measure in export_queryset(queryset):
            values = row_values(measure)
            sheet.append([_xlsx_cell(sheet, c, values[c.key]) for c in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _filename("xlsx"), content_type, buffer.getvalue()


# Plain values of a measure and of a funding line, as the JSON files carry them.
MEASURE_VALUES = [
    "reference", "title", "summary", "description", "status", "priority", "feasibility",
    "staff_days", "one_off_cost", "running_cost_per_year", "external_cost",
    "figures_are_examples", "planned_start", "planned_end", "actual_start", "actual_end",
]  # fmt: skip
LINE_VALUES = ["source", "amount", "status", "application_deadline"]
LABELLED = {"status", "priority", "feasibility", "source"}


def _json(obj, name):
    value = getattr(obj, name)
    if isinstance(value, Decimal):
        # A string keeps every cent exact; a JSON number passes through binary floating point.
        return str(value.quantize(Decimal(1).scaleb(-obj._meta.get_field(name).decimal_places)))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _plain_values(obj, names):
    data = {}
    for name in names:
        data[name] = _json(obj, name)
        if name in LABELLED:
            data[f"{name}_label"] = str(getattr(obj, f"get_{name}_display")())
    return data


def measure_dict(measure, *, public=False):
    """A measure as JSON-ready data; `public` leaves out what only staff may see."""
    data = _plain_values(measure, MEASURE_VALUES)
    unit, contact = measure.responsible_unit, measure.contact_person
    data.update(
        action_field=measure.action_field.code,
        goals=[
            {"action_field": g.action_field.code, "title": g.title} for g in measure.goals.all()
        ],
        principles=[{"title": p.title} for p in measure.principles.all()],
        responsible_unit=unit.name if unit else None,
        actors=[
            {"name": p.actor.name, "contribution": p.contribution}
            for p in measure.participations.all()
        ],
        milestones=[
            _plain_values(m, ["due_date", "title", "done"]) for m in measure.milestones.all()
        ],
        funding_lines=[
            {
                **_plain_values(line, LINE_VALUES),
                "programme": line.programme.name if line.programme else None,
                **({} if public else {"note": line.note}),
            }
            for line in measure.funding_lines.all()
        ],
    )
    if public:
        data["progress_reports"] = [
            _plain_values(r, ["date", "percent", "text"]) for r in measure.progress_reports.all()
        ]
        return data
    data.update(
        feasibility_text=measure.feasibility_text,
        is_published=measure.is_published,
        contact_person=contact.get_username() if contact else None,
        version=measure.version,
        created_at=measure.created_at.isoformat(timespec="seconds"),
        updated_at=measure.updated_at.isoformat(timespec="seconds"),
    )
    return data


def _envelope(kind):
    return {
        "format": f"digitale-agenda/{kind}",
        "format_version": JSON_FORMAT_VERSION,
        "publisher": settings.AGENDA_ORGANISATION,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
    }


def _dump(data):
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def render_json(queryset):
    with translation.override(FILE_LANGUAGE):
        measures = [measure_dict(m) for m in export_queryset(queryset)]
    data = {**_envelope("measures"), "count": len(measures), "measures": measures}
    return _filename("json"), "application/json; charset=utf-8", _dump(data)


def public_agenda_data():
    """The published agenda as JSON-ready data: principles, fields with goals and measures.

    Only published measures, and nothing internal: no contact person, no notes on
    feasibility or funding, no version or publication flag.
    """
    measures = export_queryset(Measure.objects.published().order_by("reference")).prefetch_related(
        "progress_reports"
    )
    by_field = {}
    with translation.override(FILE_LANGUAGE):
        for measure in measures:
            by_field.setdefault(measure.action_field_id, []).append(
                measure_dict(measure, public=True)
            )
        fields = ActionField.objects.prefetch_related("goals").order_by("order", "id")
        return {
            **_envelope("agenda"),
            "principles": [
                {"title": p.title, "text": p.text} for p in GuidingPrinciple.objects.all()
            ],
            "action_fields": [
                {
                    "code": field.code,
                    "title": field.title,
                    "slug": field.slug,
                    "perspective": field.perspective,
                    "perspective_label": field.get_perspective_display(),
                    "situation": field.situation,
                    "goals": [{"title": g.title, "text": g.text} for g in field.goals.all()],
                    "measures": by_field.get(field.pk, []),
                }
                for field in fields
            ],
        }
