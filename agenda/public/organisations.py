"""The members of a federation in public: one page per member and the root's comparison.

Both pages exist only while the portal has several organisations. Every figure comes from
grouped queries, so the number of queries does not grow with members or measures. A joint
measure counts once in every total: its lead carries the measure's cost less the shares of
the participants, each participant its own share; its granted funding counts for the lead.
"""

from decimal import Decimal

from django.db.models import F, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from agenda.public.by_organisation import NOT_LEAD, SHARE, as_share, cost_adjustments
from agenda.public.filters import of_organisation
from agenda.public.views import public_measures
from measures.models import FundingLine, Measure, MeasureOrganisation
from strategy import lights
from strategy.models import Organisation
from strategy.querysets import grant_q


def counted():
    """The measures every figure here counts: published and not dropped (as `rollup`)."""
    return Measure.objects.published().exclude(status="dropped")


def _by(rows, key):
    return {row[key]: row for row in rows}


def _sums(queryset, key, value):
    return dict(queryset.order_by().values_list(key).annotate(total=Sum(value)))


def member_rows(organisations, today=None):
    """One dict per organisation: own and joint measures, lights, progress, cost, funding."""
    published = Measure.objects.published()
    own = _by(published.rollup("lead_organisation", today), "lead_organisation")
    key = "organisation_shares__organisation"
    joint_measures = published.filter(
        Q(organisation_shares__organisation__lt=F("lead_organisation"))
        | Q(organisation_shares__organisation__gt=F("lead_organisation"))
    )
    joint = _by(joint_measures.rollup(key, today), key)
    shares = MeasureOrganisation.objects.filter(NOT_LEAD, measure__in=counted())
    joint_cost = _sums(shares, "organisation", SHARE)
    given_away = _sums(shares, "measure__lead_organisation", SHARE)
    funding = _sums(
        FundingLine.objects.filter(grant_q(), measure__in=counted()),
        "measure__lead_organisation",
        "amount",
    )
    rows = []
    for organisation in organisations:
        pk = organisation.pk
        mine, theirs = own.get(pk), joint.get(pk)
        parts = [row for row in (mine, theirs) if row]
        count = sum(row["measure_count"] for row in parts)
        zero = Decimal(0)
        rows.append(
            {
                "organisation": organisation,
                "own_count": mine["measure_count"] if mine else 0,
                "joint_count": theirs["measure_count"] if theirs else 0,
                "measure_count": count,
                # The mean over both kinds, each measure weighing the same.
                "progress": round(
                    sum(row["progress"] * row["measure_count"] for row in parts) / count
                )
                if count
                else 0,
                "lights": combined_lights(parts),
                "cost": (mine["planned_cost"] if mine else zero)
                - (given_away.get(pk) or zero)
                + (joint_cost.get(pk) or zero),
                "funding": funding.get(pk) or zero,
            }
        )
    return rows


def combined_lights(rows):
    return [
        {
            "value": value,
            "label": lights.label(value),
            "symbol": lights.symbol(value),
            "count": sum(row[f"n_{value}"] for row in rows),
        }
        for value in lights.ORDER
    ]


def federation_total(today=None):
    """The whole federation once: every measure counted a single time."""
    total = Measure.objects.published().rollup(today=today)[0]
    funding = FundingLine.objects.filter(grant_q(), measure__in=counted()).aggregate(
        total=Sum("amount")
    )["total"]
    total["funding"] = funding or Decimal(0)
    return total


def _members_or_404():
    organisations = list(Organisation.objects.order_by("parent_id", "order", "name"))
    if len(organisations) < 2:
        raise Http404
    return organisations


@require_safe
def organisation_list(request):
    organisations = _members_or_404()
    rows = member_rows(organisations)
    # The root appears only where it leads or shares measures of its own.
    rows = [row for row in rows if not row["organisation"].is_root or row["measure_count"]]
    context = {"rows": rows, "total": federation_total()}
    return render(request, "agenda/public/organisation_list.html", context)


@require_safe
def organisation_detail(request, slug):
    if not Organisation.objects.several():
        raise Http404
    organisation = get_object_or_404(Organisation, slug=slug)
    mine = of_organisation(organisation.pk)
    measures = list(
        public_measures()
        .filter(mine)
        .select_related("lead_organisation")
        .prefetch_related("organisations")
        .order_by("action_field__order", "action_field_id", "reference")
    )
    for measure in measures:
        measure.partners = partners(measure, organisation)
    context = {
        # Not "organisation": the base template's name for the portal's own body.
        "member": organisation,
        "rollup": member_rollup(organisation),
        "measures": measures,
    }
    return render(request, "agenda/public/organisation_detail.html", context)


def member_rollup(organisation):
    """The roll-up of the organisation's own and joint measures, its cost as its share."""
    row = Measure.objects.published().filter(of_organisation(organisation.pk)).rollup()[0]
    return as_share({None: row}, cost_adjustments(organisation))[None]


def partners(measure, organisation):
    """The other organisations of a joint measure (empty for a measure of its own)."""
    others = [measure.lead_organisation, *measure.organisations.all()]
    return [o for o in dict.fromkeys(others) if o is not None and o.pk != organisation.pk]
