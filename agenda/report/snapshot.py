"""The whole agenda as plain data: what an edition freezes and what the report renders.

One function reads everything with a fixed number of queries; the result holds only
JSON types (numbers as strings, dates as ISO strings), so it can be stored in an edition
and rendered or compared years later, whatever happened to the measures since.
"""

import re
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Prefetch
from django.utils import timezone, translation

from agenda.council.snapshot import decisions_prefetch, measure_decisions
from agenda.models import SiteProfile
from agenda.report.members import narrow
from measures.dependencies import queries as dependencies
from measures.models import FundingLine, Measure, MeasureActor, MeasureOrganisation, ProgressReport
from measures.priorities.report import priorities_snapshot
from participation.models import Idea
from strategy import lights
from strategy.models import (
    ActionField,
    Goal,
    GuidingPrinciple,
    Indicator,
    IndicatorValue,
    Organisation,
)

SNAPSHOT_VERSION = 1
CENT = Decimal("0.01")
# What only staff may read, per measure: the public pages and daten.json leave it out too.
# (Contact person and funding notes never enter a snapshot.)
INTERNAL_MEASURE_KEYS = ("feasibility_text",)
PUBLIC, INTERNAL = "public", "internal"
PUBLISHED = "published"
EMPTY = {"measure_count": 0, "progress": 0, "planned_cost": "0", "actual_cost": "0", "lights": {}}


def _date(value):
    return value.isoformat() if value else None


def _money(value):
    return str(value) if value is not None else "0"


def _light(m):
    """The light as of the snapshot's day; an override's reason and expiry while it runs."""
    active = m.override_is_active
    with translation.override(settings.LANGUAGE_CODE):
        label = str(lights.label(m.light))
    return {
        "light": m.light,
        "light_label": label,
        "override_reason": m.override_reason if active else "",
        "override_until": _date(m.override_until) if active else None,
    }


def _report(report):
    if report is None:
        return None
    return {
        "date": _date(report.date),
        "percent": report.percent,
        "text": report.text,
        "problems": report.problems,
        "next_steps": report.next_steps,
    }


def _shares(m, slugs):
    """The participating organisations of a joint measure with their shares (slug, not id)."""
    return [
        {
            "slug": slugs[share.organisation_id],
            "share_one_off_cost": _money(share.share_one_off_cost),
            "share_external_cost": _money(share.share_external_cost),
            "share_cost": _money(share.share_one_off_cost + share.share_external_cost),
            "share_staff_days": _money(share.share_staff_days),
        }
        for share in m.organisation_shares.all()
    ]


def _measure(m, slugs):
    # Released reports only, prefetched in (date, id) order: the last one is the latest.
    reports = list(m.progress_reports.all())
    latest = reports[-1] if reports else None
    return {
        "lead_organisation": slugs.get(m.lead_organisation_id),
        "organisations": _shares(m, slugs),
        **_light(m),
        "id": m.pk,
        "reference": m.reference,
        "title": m.title,
        "summary": m.summary,
        "description": m.description,
        "field_code": m.action_field.code,
        "status": m.status,
        "priority": m.priority,
        "feasibility": m.feasibility,
        "feasibility_text": m.feasibility_text,
        "responsible_unit": str(m.responsible_unit) if m.responsible_unit_id else "",
        "staff_days": _money(m.staff_days),
        "one_off_cost": _money(m.one_off_cost),
        "running_cost_per_year": _money(m.running_cost_per_year),
        "external_cost": _money(m.external_cost),
        "total_cost": _money(m.total_cost),
        "granted": _money(m.granted_amount),
        "requested": _money(m.requested_amount),
        "own_share": _money(m.own_share),
        "actual_cost": _money(m.actual_cost),
        "planned_start": _date(m.planned_start),
        "planned_end": _date(m.planned_end),
        "actual_start": _date(m.actual_start),
        "actual_end": _date(m.actual_end),
        "is_published": m.is_published,
        "figures_are_examples": m.figures_are_examples,
        "progress": m.current_progress,
        "decisions": measure_decisions(m),
        "goals": [g.title for g in m.goals.all()],
        "principles": [p.title for p in m.principles.all()],
        "actors": [
            {"name": p.actor.name, "contribution": p.contribution} for p in m.participations.all()
        ],
        "milestones": [
            {"title": ms.title, "due_date": _date(ms.due_date), "done": ms.done}
            for ms in m.milestones.all()
        ],
        "funding": [
            {
                "source": line.source,
                "programme": line.programme.name if line.programme_id else "",
                "amount": _money(line.amount),
                "status": line.status,
                "deadline": _date(line.application_deadline),
            }
            for line in m.funding_lines.all()
        ],
        "latest_report": _report(latest),
        **dependencies.snapshot_data(m),
        "origin": [
            {
                "title": idea.title,
                "kind": idea.kind,
                "channel": idea.channel,
                "received_on": _date(idea.received_on),
            }
            for idea in m.ideas.all()
            if not idea.is_hidden
        ],
    }


def _measures(today):
    # Drafts waiting for release are no one's reading yet: neither the public's nor the council's.
    released = ProgressReport.objects.released().order_by("date", "id")
    return dependencies.with_dependencies(
        Measure.objects.with_figures()
        .with_light(today)
        .select_related("action_field", "responsible_unit")
        .prefetch_related(
            "goals",
            "principles",
            Prefetch("participations", queryset=MeasureActor.objects.select_related("actor")),
            "milestones",
            Prefetch("funding_lines", queryset=FundingLine.objects.select_related("programme")),
            Prefetch("progress_reports", queryset=released),
            Prefetch("ideas", queryset=Idea.objects.order_by("received_on", "id")),
            Prefetch("organisation_shares", queryset=MeasureOrganisation.objects.order_by("id")),
            decisions_prefetch(),
        ),
        today,
    )


IDEA_KEYS = {
    "by_channel": "channel",
    "by_kind": "kind",
    "by_state": "state",
    "by_field": "action_field__code",
}


def _add(counts, row):
    counts["total"] += row["n"]
    for name, key in IDEA_KEYS.items():
        value = str(row[key] if row[key] is not None else "")
        counts[name][value] = counts[name].get(value, 0) + row["n"]


def _no_ideas():
    return {"total": 0, **{name: {} for name in IDEA_KEYS}}


def _ideas(slugs):
    """The ideas counted, for everyone and per organisation they are addressed to ("" for
    none: the root's), from one grouped query whatever the number of organisations."""
    ideas = Idea.objects.all()
    total, by_organisation = _no_ideas(), {}
    for row in ideas.order_by().values("organisation", *IDEA_KEYS.values()).annotate(n=Count("pk")):
        _add(total, row)
        slug = slugs.get(row["organisation"], "")
        _add(by_organisation.setdefault(slug, _no_ideas()), row)
    return {
        **total,
        "by_organisation": by_organisation,
        "promoted": [
            {
                "title": idea.title,
                "kind": idea.kind,
                "channel": idea.channel,
                "received_on": _date(idea.received_on),
                "measure": idea.measure.reference if idea.measure_id else "",
                "organisation": slugs.get(idea.organisation_id, ""),
            }
            for idea in ideas.filter(state=Idea.State.PROMOTED, is_hidden=False)
            .select_related("measure")
            .order_by("measure__reference", "received_on", "pk")
        ],
    }


def _indicators(today):
    """Every indicator with its light as of `today` and its values: two queries."""
    indicators = (
        Indicator.objects.with_light(today)
        .select_related("goal__action_field")
        .prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("date", "id"))
        )
    )
    return [
        {
            "id": i.pk,
            "goal_id": i.goal_id,
            "goal_title": i.goal.title,
            "field_code": i.goal.action_field.code,
            "name": i.name,
            "unit": i.unit,
            "description": i.description,
            "source": i.source,
            "baseline_value": _money(i.baseline_value),
            "baseline_date": _date(i.baseline_date),
            "target_value": _money(i.target_value),
            "target_date": _date(i.target_date),
            "direction": i.direction,
            "light": i.light,
            # From a subquery, SQLite gives 90 where the column gives 90.00.
            "latest_value": None
            if i.latest_value is None
            else _money(i.latest_value.quantize(CENT)),
            "latest_date": _date(i.latest_date),
            "values": [
                {"date": _date(v.date), "value": _money(v.value), "comment": v.comment}
                for v in i.values.all()
            ],
            "values_are_examples": i.values_are_examples,
        }
        for i in indicators
    ]


def _rollup(row):
    """A roll-up row (Measure.objects.rollup) as plain data; labels are added when rendering."""
    return {
        "measure_count": row["measure_count"],
        "progress": row["progress"],
        "planned_cost": _money(row["planned_cost"]),
        "actual_cost": _money(row["actual_cost"]),
        "lights": {entry["value"]: entry["count"] for entry in row["lights"]},
    }


def _field_rollups(today):
    """Per field id: the roll-up of all its measures and of its published ones (2 queries)."""
    rollups = {}
    for key, measures in (("all", Measure.objects.all()), (PUBLISHED, Measure.objects.published())):
        for row in measures.rollup("action_field", today=today):
            rollups.setdefault(row["action_field"], {})[key] = _rollup(row)
    return rollups


def _organisations():
    """The organisations, root first, as plain data; empty before the first one exists."""
    # Sorted here: databases disagree on where a NULL parent sorts.
    rows = sorted(Organisation.objects.all(), key=lambda o: (not o.is_root, o.order, o.name))
    with translation.override(settings.LANGUAGE_CODE):
        return [
            {
                "slug": o.slug,
                "name": o.name,
                "short_name": o.short_name,
                "kind": o.kind,
                "is_root": o.is_root,
                "council": str(o.council),
                "report_to": str(o.report_to),
            }
            for o in rows
        ], {o.pk: o.slug for o in rows}


def build_snapshot(today=None):
    """Everything the report and the comparison need, in about 20 queries, however many
    measures and organisations there are.

    Lights and roll-ups are taken as of `today` (an edition passes its reporting date).
    """
    today = today or timezone.localdate()
    profile = SiteProfile.current()
    organisations, slugs = _organisations()
    rollups = _field_rollups(today)
    measures_by_field = {}
    for measure in _measures(today):
        measures_by_field.setdefault(measure.action_field_id, []).append(measure)
    goals_by_field = {}
    for goal in Goal.objects.order_by("order", "id"):
        goals_by_field.setdefault(goal.action_field_id, []).append(goal)
    fields = []
    for field in ActionField.objects.order_by("order", "id"):
        measures = sorted(
            measures_by_field.get(field.pk, []), key=lambda m: natural_key(m.reference)
        )
        fields.append(
            {
                "id": field.pk,
                "code": field.code,
                "title": field.title,
                "slug": field.slug,
                "perspective": field.perspective,
                "situation": field.situation,
                "goals": [
                    {
                        "id": g.pk,
                        "title": g.title,
                        "text": g.text,
                        "organisation": slugs.get(g.organisation_id),
                    }
                    for g in goals_by_field.get(field.pk, [])
                ],
                "measures": [_measure(m, slugs) for m in measures],
                "rollups": rollups.get(field.pk, {}),
            }
        )
    return {
        "version": SNAPSHOT_VERSION,
        "taken_at": timezone.now().isoformat(),
        "lights_as_of": today.isoformat(),
        "organisation": {
            "name": profile.name,
            "report_title": str(profile.report_title),
            "introduction": profile.introduction,
        },
        "organisations": organisations,
        "principles": [
            {"title": p.title, "text": p.text}
            for p in GuidingPrinciple.objects.order_by("order", "id")
        ],
        "fields": fields,
        "ideas": _ideas(slugs),
        "indicators": _indicators(today),
        "priorities": priorities_snapshot(),
    }


def natural_key(reference):
    """4.1-10 after 4.1-9: numbers compare as numbers."""
    return [
        int(part) if part.isascii() and part.isdigit() else part
        for part in re.split(r"(\d+)", reference)
    ]


def select(snapshot, *, field_code="", include_unpublished=False, organisation=""):
    """The part of a snapshot one report shows: one field or all, with or without drafts,
    the whole federation or one member's part (`organisation`: its slug)."""
    if organisation:
        snapshot = narrow(snapshot, organisation, include_unpublished=include_unpublished)
    fields = []
    for field in snapshot["fields"]:
        if field_code and field["code"] != field_code:
            continue
        measures = [m for m in field["measures"] if include_unpublished or m["is_published"]]
        # Snapshots older than the traffic lights have no roll-up: None.
        rollup = None
        if "rollups" in field:
            rollup = field["rollups"].get("all" if include_unpublished else PUBLISHED, EMPTY)
        fields.append({**field, "measures": measures, "rollup": rollup})
    # Snapshots frozen before indicators existed have none.
    indicators = [
        i for i in snapshot.get("indicators", []) if not field_code or i["field_code"] == field_code
    ]
    return {**snapshot, "fields": fields, "indicators": indicators}


def for_audience(snapshot, audience):
    """The snapshot as `audience` may read it: the public gets no internal key at all."""
    if audience == INTERNAL:
        return snapshot
    if audience != PUBLIC:
        raise ValueError(f"unknown audience {audience!r}")
    fields = [
        {
            **field,
            "measures": [
                {k: v for k, v in m.items() if k not in INTERNAL_MEASURE_KEYS}
                for m in field["measures"]
            ],
        }
        for field in snapshot["fields"]
    ]
    return {**snapshot, "fields": fields}


def all_measures(snapshot):
    return [m for field in snapshot["fields"] for m in field["measures"]]
