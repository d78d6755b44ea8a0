"""The exporters of measures (CSV, XLSX, JSON) and the published agenda as open data."""

import csv
import datetime
import io
import json
from decimal import Decimal

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from agenda.council.snapshot import decisions_prefetch, decisions_text, measure_decisions
from agenda.transfer.table_format import (
    CSV_DELIMITER,
    FILE_LANGUAGE,
    ORGANISATION_SEPARATOR,
    SHEET_TITLE,
    Column,
    export_queryset,
    german_date,
    german_number,
    guard,
    milestone_state,
    part_line,
    storable,
    yes_no,
)
from agenda.transfer.table_format import (
    EXPORTED_COLUMNS as TABLE_COLUMNS,
)
from measures.models import Measure, ProgressReport
from strategy import lights
from strategy.models import ActionField, GuidingPrinciple

JSON_FORMAT_VERSION = 1
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Exported, never imported: the council's decisions, one cell, before the version.
DECISIONS_COLUMN = Column("decisions", "decisions", 50, label=gettext_lazy("council decisions"))
EXPORTED_COLUMNS = [*TABLE_COLUMNS[:-1], DECISIONS_COLUMN, TABLE_COLUMNS[-1]]


def _places(name):
    return Measure._meta.get_field(name).decimal_places


def with_steering(queryset, today=None):
    """The light (`with_light`) and the latest released report's problems and next steps."""
    latest = (
        ProgressReport.objects.released().filter(measure=OuterRef("pk")).order_by("-date", "-id")
    )
    return queryset.with_light(today).annotate(
        report_problems=Subquery(latest.values("problems")[:1]),
        report_next_steps=Subquery(latest.values("next_steps")[:1]),
    )


def exported(queryset):
    return export_queryset(with_steering(queryset)).prefetch_related(decisions_prefetch())


def row_values(measure):
    """Column key -> value for one measure: text, Decimal, date or int (call in German)."""
    values = {}
    for column in EXPORTED_COLUMNS:
        key = column.key
        if column.kind == "decisions":
            values[key] = decisions_text(measure)
        elif column.kind == "override":
            # An expired override is history: only a running one is the measure's state.
            values[key] = getattr(measure, key) if measure.override_is_active else None
        elif column.kind == "light":
            values[key] = measure.light
        elif column.kind == "light_label":
            values[key] = str(lights.label(measure.light))
        elif column.kind == "text":
            values[key] = getattr(measure, key)
        elif column.kind in ("organisation", "organisation_name"):
            lead = measure.lead_organisation
            values[key] = (
                "" if lead is None else lead.slug if column.kind == "organisation" else lead.name
            )
        elif column.kind == "organisations":
            values[key] = ORGANISATION_SEPARATOR.join(o.slug for o in measure.organisations.all())
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
    if isinstance(value, datetime.date):
        return german_date(value)
    return guard(str(value))


def _filename(extension):
    return f"massnahmen-{timezone.localdate():%Y-%m-%d}.{extension}"


# Every renderer follows one contract: render_*(queryset) -> (filename, content_type, bytes).
def render_csv(queryset):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    with translation.override(FILE_LANGUAGE):
        writer.writerow([column.header for column in EXPORTED_COLUMNS])
        for measure in exported(queryset):
            values = row_values(measure)
            writer.writerow([_csv_cell(c, values[c.key]) for c in EXPORTED_COLUMNS])
    # The byte order mark tells Excel the file is UTF-8.
    content = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return _filename("csv"), "text/csv; charset=utf-8", content


def xlsx_cell(sheet, value, kind="text", places=2):
    """A write-only cell: text never runs as a formula; numbers and dates in German format."""
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=storable(value))
        # Always text, never a formula, even when it starts with "=".
        cell.data_type = "s"
        if "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if kind == "decimal":
        cell.number_format = "#,##0.0" if places == 1 else "#,##0.00"
    elif kind == "date" or isinstance(value, datetime.date):
        cell.number_format = "DD.MM.YYYY"
    return cell


def _xlsx_cell(sheet, column, value):
    places = _places(column.key) if column.kind == "decimal" else 2
    return xlsx_cell(sheet, value, column.kind, places)


def new_sheet(title, columns, freeze="B2"):
    """A write-only workbook with one sheet, its columns sized and a bold header row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = freeze
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    return workbook, sheet


def xlsx_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_xlsx(queryset):
    workbook, sheet = new_sheet(SHEET_TITLE, EXPORTED_COLUMNS)
    with translation.override(FILE_LANGUAGE):
        for measure in exported(queryset):
            values = row_values(measure)
            sheet.append([_xlsx_cell(sheet, c, values[c.key]) for c in EXPORTED_COLUMNS])
    return _filename("xlsx"), XLSX_TYPE, xlsx_bytes(workbook)


# Plain values of a measure and of a funding line, as the JSON files carry them.
MEASURE_VALUES = [
    "reference", "title", "summary", "description", "status", "priority", "feasibility",
    "staff_days", "one_off_cost", "running_cost_per_year", "external_cost",
    "figures_are_examples", "planned_start", "planned_end", "actual_start", "actual_end",
    "actual_cost",
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


def steering_dict(measure):
    """The light and what the latest released report says (needs `with_steering`)."""
    active = measure.override_is_active
    return {
        "light": measure.light,
        "light_label": str(lights.label(measure.light)),
        "override_active": active,
        "override_reason": measure.override_reason if active else None,
        "override_until": measure.override_until.isoformat() if active else None,
        "problems": measure.report_problems or "",
        "next_steps": measure.report_next_steps or "",
    }


def measure_dict(measure, *, public=False):
    """A measure as JSON-ready data; `public` leaves out what only staff may see."""
    data = _plain_values(measure, MEASURE_VALUES)
    data.update(steering_dict(measure))
    unit, contact, lead = (
        measure.responsible_unit,
        measure.contact_person,
        measure.lead_organisation,
    )
    data.update(
        lead_organisation={"slug": lead.slug, "name": lead.name} if lead else None,
        organisations=[o.slug for o in measure.organisations.all()],
        action_field=measure.action_field.code,
        goals=[
            {"action_field": g.action_field.code, "title": g.title} for g in measure.goals.all()
        ],
        principles=[{"title": p.title} for p in measure.principles.all()],
        decisions=measure_decisions(measure),
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
            _plain_values(r, ["date", "percent", "text", "problems", "next_steps"])
            for r in measure.progress_reports.all()
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
        measures = [measure_dict(m) for m in exported(queryset)]
    data = {**_envelope("measures"), "count": len(measures), "measures": measures}
    return _filename("json"), "application/json; charset=utf-8", _dump(data)


def public_agenda_data():
    """The published agenda as JSON-ready data: principles, fields with goals and measures.

    Only published measures, and nothing internal: no contact person, no notes on
    feasibility or funding, no version or publication flag.
    """
    # Drafts waiting for release are not the measure's state yet: never published.
    released = ProgressReport.objects.released().order_by("-date", "-id")
    measures = exported(Measure.objects.published().order_by("reference")).prefetch_related(
        Prefetch("progress_reports", queryset=released)
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
