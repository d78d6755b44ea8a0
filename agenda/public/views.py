"""The published agenda for everyone: overview, action fields, measures and open data.

Only published measures ever leave this module, and only fields the public may read: no
contact person, no feasibility notes, no actor contacts, no internal notes on funding lines.
"""

import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe
from django_filters.views import FilterView

from agenda.public.by_organisation import as_share, choice_context, cost_adjustments
from agenda.public.charts import inline
from agenda.public.filters import PublicMeasureFilter, of_organisation
from agenda.public.indicators import with_indicators
from agenda.report import charts
from agenda.transfer.exports import public_agenda_data
from measures.models import FundingLevel, FundingLine, Measure, MeasureActor, ProgressReport
from participation.models import Idea
from strategy.models import ActionField, Goal, GuidingPrinciple

PUBLISHED = Q(measures__is_published=True)
LINES = FundingLine.objects.select_related("programme")


def public_measures():
    """Published measures with their figures, their light and whether citizens' ideas led
    to them."""
    return (
        Measure.objects.published()
        .with_figures()
        .with_light()
        .select_related("action_field", "responsible_unit")
        .annotate(from_citizens=Exists(Idea.objects.public().filter(measure=OuterRef("pk"))))
    )


def published_of(organisation=None):
    """Published measures, only the organisation's own and joint ones when one is chosen."""
    published = Measure.objects.published()
    return published.filter(of_organisation(organisation.pk)) if organisation else published


def published_q(organisation=None):
    """The same condition seen from a field, a goal or a principle (for a Count)."""
    if organisation is None:
        return PUBLISHED
    return PUBLISHED & of_organisation(organisation.pk, prefix="measures__")


def rollups_by_field(organisation=None):
    """The published measures' roll-up (lights, progress, cost) per action field id: one query."""
    return {row["action_field"]: row for row in published_of(organisation).rollup("action_field")}


def with_rollups(fields, rollups, key="rollup"):
    """Each object gets its roll-up row, or the empty one when no published measure counts."""
    empty = None
    for obj in fields:
        row = rollups.get(obj.pk)
        if row is None:
            # An aggregate over no rows needs no query.
            empty = empty or Measure.objects.none().rollup()[0]
            row = empty
        setattr(obj, key, row)
    return fields


def lights_chart(fields):
    """The lights per field as the report draws them, for fields that carry a roll-up."""
    return inline(
        charts.lights_by_field(
            [
                {"label": f"{field.code} {field.title}", "counts": light_counts(field.rollup)}
                for field in fields
            ]
        )
    )


def light_counts(row):
    return {entry["value"]: entry["count"] for entry in row["lights"]}


def fields_with_counts(organisation=None):
    """Action fields with the number of published measures, in total and per status."""
    published = published_q(organisation)
    per_status = {
        f"n_{value}": Count("measures", filter=published & Q(measures__status=value))
        for value in Measure.Status.values
    }
    fields = list(
        ActionField.objects.annotate(
            published_count=Count("measures", filter=published), **per_status
        ).order_by("order", "id")
    )
    for field in fields:
        field.status_counts = status_breakdown(field)
    return fields


def status_breakdown(field):
    """(status, label, count) of one annotated field, statuses without measures left out."""
    counts = (
        (value, label, getattr(field, f"n_{value}")) for value, label in Measure.Status.choices
    )
    return [row for row in counts if row[2]]


def published_status_counts():
    """(status, label, count) of all published measures, in the order of the statuses."""
    counts = dict(
        Measure.objects.published().order_by().values_list("status").annotate(n=Count("pk"))
    )
    return [
        (value, label, counts[value]) for value, label in Measure.Status.choices if value in counts
    ]


def by_perspective(fields):
    """The fields grouped as the concept reads: internal view first, then external view."""
    groups = []
    for value, label in ActionField.Perspective.choices:
        members = [field for field in fields if field.perspective == value]
        if members:
            groups.append({"value": value, "label": label, "fields": members})
    return groups


def funding_by_source(lines):
    """Approved and open (planned or applied for) amounts per funding source; rejected left out."""
    rows = {}
    for line in lines:
        if line.status == FundingLine.Status.REJECTED:
            continue
        row = rows.setdefault(
            line.source,
            {
                "source": line.source,
                "label": line.get_source_display(),
                "approved": Decimal(0),
                "open": Decimal(0),
                "programmes": [],
            },
        )
        row["approved" if line.status == FundingLine.Status.APPROVED else "open"] += line.amount
        if line.programme_id and line.programme.name not in row["programmes"]:
            row["programmes"].append(line.programme.name)
    return [rows[value] for value in FundingLevel.values if value in rows]


@require_safe
def overview(request):
    chosen, choice = choice_context(request)
    rollups = rollups_by_field(chosen)
    if chosen:
        as_share(rollups, cost_adjustments(chosen, "measure__action_field"))
    fields = with_rollups(fields_with_counts(chosen), rollups)
    context = {
        "lights_chart": lights_chart(fields),
        "principles": GuidingPrinciple.objects.annotate(
            published_count=Count("measures", filter=published_q(chosen))
        ),
        "groups": by_perspective(fields),
        "measure_total": sum(field.published_count for field in fields),
        "several_organisations": choice["organisation_form"] is not None,
        **choice,
    }
    return render(request, "agenda/public/overview.html", context)


@require_safe
def field_detail(request, slug):
    field = get_object_or_404(ActionField, slug=slug)
    chosen, choice = choice_context(request)
    published = published_of(chosen)
    goals = field.goals.annotate(published_count=Count("measures", filter=published_q(chosen)))
    if chosen:
        # The shared goals and the chosen organisation's own, not another member's.
        goals = goals.filter(Q(organisation=None) | Q(organisation=chosen))
    # A goal counts every published measure that serves it, whichever field it sits in.
    per_goal = {
        row["goals"]: row for row in published.filter(goals__action_field=field).rollup("goals")
    }
    rollup = published.filter(action_field=field).rollup()[0]
    measures = public_measures().filter(action_field=field)
    if chosen:
        measures = measures.filter(of_organisation(chosen.pk))
        as_share(per_goal, cost_adjustments(chosen, "measure__goals"))
        rollup["planned_cost"] += cost_adjustments(chosen, "measure__action_field").get(field.pk, 0)
    context = {
        "field": field,
        "rollup": rollup,
        "goals": with_indicators(with_rollups(list(goals), per_goal)),
        "measures": measures.order_by("reference"),
        **choice,
    }
    return render(request, "agenda/public/field_detail.html", context)


class MeasureList(FilterView):
    filterset_class = PublicMeasureFilter
    template_name = "agenda/public/measure_list.html"
    paginate_by = 25

    def get_queryset(self):
        return public_measures().order_by("action_field__order", "action_field_id", "reference")


def measure_detail_queryset():
    # The lead and the participants show only in a federation (a lead other than the root,
    # or participants): a portal with one organisation needs no question whether it is one.
    return (
        public_measures()
        .select_related("lead_organisation")
        .prefetch_related(
            "organisations",
            Prefetch("goals", queryset=Goal.objects.select_related("action_field")),
            "principles",
            Prefetch("participations", queryset=MeasureActor.objects.select_related("actor")),
            "milestones",
            Prefetch("funding_lines", queryset=LINES),
            Prefetch(
                "ideas",
                queryset=Idea.objects.public().order_by("received_on", "id"),
                to_attr="public_ideas",
            ),
        )
    )


@require_safe
def measure_detail(request, key):
    measure = measure_detail_queryset().filter(reference=key).first()
    if measure is None:
        # Old links by number: send them to the address with the reference.
        if key.isascii() and key.isdigit() and len(key) <= 9:
            found = get_object_or_404(Measure.objects.published().only("reference"), pk=key)
            return redirect("public:measure-detail", found.reference, permanent=True)
        raise Http404
    context = {
        "measure": measure,
        # Drafts waiting for release never reach the public.
        "latest_report": ProgressReport.objects.released()
        .filter(measure=measure)
        .order_by("-date", "-id")
        .first(),
        "funding": funding_by_source(measure.funding_lines.all()),
    }
    return render(request, "agenda/public/measure_detail.html", context)


@require_safe
def open_data(request):
    # One format for open data: the exports module's, which the staff JSON export shares.
    body = json.dumps(public_agenda_data(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@require_safe
def light_rule(request):
    """How the traffic lights are computed: the same page for staff and the public."""
    from measures import lights
    from strategy.indicators import querysets as indicator_rule

    context = {
        "at_risk_gap": lights.AT_RISK_GAP,
        "delayed_gap": lights.DELAYED_GAP,
        "indicator_at_risk_gap": indicator_rule.AT_RISK_GAP,
        "indicator_delayed_gap": indicator_rule.DELAYED_GAP,
        "states": [(light, lights.symbol(light)) for light in lights.ORDER],
    }
    return render(request, "agenda/public/light_rule.html", context)
