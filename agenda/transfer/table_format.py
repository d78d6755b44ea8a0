"""The measures table that export and import share: columns, part lines, German values."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from measures.models import FundingLine, Measure, MeasureActor, Milestone
from strategy.models import Goal

SHEET_TITLE = "Maßnahmen"
# German whatever the user's language; docs/export-format.md describes every column.
FILE_LANGUAGE = "de"
CSV_DELIMITER = ";"
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
    # A file without this column is read all the same (the value stays as it is).
    optional: bool = False
    # The header of a column that is no model field (the computed traffic light).
    label: str = ""

    @property
    def header(self):
        """The column header in the file's language (German)."""
        return self.header_for(FILE_LANGUAGE)

    def header_for(self, language):
        with translation.override(language):
            if self.label:
                return str(capfirst(self.label))
            if self.model is not Measure:
                return str(capfirst(self.model._meta.verbose_name_plural))
            return str(capfirst(Measure._meta.get_field(self.key).verbose_name))

    @property
    def field(self):
        return Measure._meta.get_field(self.key) if self.model is Measure else None


# CSV and XLSX share one table: one row per measure; parts (actors, milestones, funding
# lines) and links (goals, principles) as one line each inside one cell. The import reads
# the file back with the same definitions, so export → Excel → import round-trips.
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
    # Added with the traffic lights: older exports lack it and still import.
    Column("actual_cost", "decimal", 16, optional=True),
    Column("figures_are_examples", "bool", 14),
    Column("planned_start", "date", 14),
    Column("planned_end", "date", 14),
    Column("actual_start", "date", 14),
    Column("actual_end", "date", 14),
    Column("actors", "actors", 50, MeasureActor),
    Column("milestones", "milestones", 50, Milestone),
    Column("funding_lines", "funding", 70, FundingLine),
    # Added with the federation: the lead organisation's slug. Without the column (or with
    # an empty cell) a measure keeps its lead; a new one gets the importing member's or the root.
    Column("lead_organisation", "organisation", 20, optional=True),
    # Read back only to notice a colleague's change made after the export.
    Column("version", "version", 10, optional=True),
]

# Exported, never imported: the light is computed from the plan, so the import passes over
# these columns like any column of the user's own (an override is set in its own form).
STEERING_COLUMNS = [
    Column("light", "light", 12, label=gettext_lazy("traffic light (code)")),
    Column("light_label", "light_label", 16, label=gettext_lazy("traffic light")),
    Column("override_is_active", "bool", 14, label=gettext_lazy("traffic light set by hand")),
    Column("override_reason", "override", 40, label=gettext_lazy("reason for the traffic light")),
    Column("override_until", "override", 14, label=gettext_lazy("traffic light set by hand until")),
    Column("report_problems", "text", 40, label=gettext_lazy("problems and risks")),
    Column("report_next_steps", "text", 40, label=gettext_lazy("next steps")),
]
# Exported, never imported: the lead's name to read, the participants' slugs ("; " between).
# Participants and their shares are edited in the measure's form, not by import.
ORGANISATION_COLUMNS = [
    Column(
        "lead_organisation_name",
        "organisation_name",
        30,
        label=gettext_lazy("lead organisation (name)"),
    ),
    Column("organisations", "organisations", 30),
]
ORGANISATION_SEPARATOR = "; "
# What the CSV and XLSX exports write: the importable columns, the light, then the version.
EXPORTED_COLUMNS = COLUMNS[:-1] + STEERING_COLUMNS + ORGANISATION_COLUMNS + COLUMNS[-1:]


def export_queryset(queryset):
    """Everything a row needs, in a fixed number of queries."""
    return queryset.select_related(
        "action_field", "responsible_unit", "contact_person", "lead_organisation"
    ).prefetch_related(
        "organisations",
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


def storable(text):
    """The text without the characters XML cannot hold (a vertical tab pasted from Word)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _unix_newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
        return _unix_newlines(storable(value or "")).strip()
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
    # Lazy labels, so that _words() reads them in the file's language and the user's.
    if text in _words(gettext_lazy("Yes"), gettext_lazy("done"), "true", "wahr", "x", "1"):
        return True
    if text in _words(gettext_lazy("No"), gettext_lazy("open"), "false", "falsch", "0", ""):
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
    lines = _unix_newlines(cell_text(text)).split("\n")
    return [split_fields(line, width) for line in lines if line.strip()]
