"""One organisation's part of a public page: `?organisation=<slug>`, as on the measure list.

The choice exists only while the portal has several organisations. An unknown value shows
the page for all organisations with a message by the field, never an error page.
"""

from decimal import Decimal

from django import forms
from django.db.models import Case, F, Q, Sum, When

from agenda.public.filters import of_organisation
from measures.models import Measure, MeasureOrganisation
from strategy.models import Organisation
from strategy.organisations.filters import EMPTY_LABEL, LABEL, in_tree_order

ZERO = Decimal(0)
# A participant that is also the lead is the lead: its share is not a joint measure's.
NOT_LEAD = Q(organisation__lt=F("measure__lead_organisation")) | Q(
    organisation__gt=F("measure__lead_organisation")
)
SHARE = F("share_one_off_cost") + F("share_external_cost")


class OrganisationChoice(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=in_tree_order(),
        to_field_name="slug",
        required=False,
        label=LABEL,
        empty_label=EMPTY_LABEL,
    )


def chosen_organisation(request, several=None):
    """(form, organisation): no form with one organisation; no organisation for all or for
    a value that names none (the bound form then carries the message). `several` saves the
    query where the caller knows it already."""
    if not (Organisation.objects.several() if several is None else several):
        return None, None
    value = request.GET.get("organisation", "")
    form = OrganisationChoice({"organisation": value} if value else None)
    if value and form.is_valid():
        return form, form.cleaned_data["organisation"]
    return form, None


def query_string(organisation):
    """The part of a link that keeps the choice on the next page: "organisation=<slug>"."""
    return f"organisation={organisation.slug}" if organisation else ""


def choice_context(request, several=None):
    """(organisation, context) of a page narrowed by organisation: the form for the choice,
    the chosen organisation and the query string that keeps it in links."""
    form, chosen = chosen_organisation(request, several)
    context = {"organisation_form": form, "chosen": chosen, "chosen_query": query_string(chosen)}
    return chosen, context


def cost_adjustments(organisation, key=None):
    """Per value of `key` ("measure__action_field", "measure__goals"; None: one for all):
    what turns the planned cost of a roll-up over the organisation's own and joint measures
    into its share, as on the members compared: a participant's whole measure becomes its
    share, a lead's loses the participants' shares. One query."""
    counted = Measure.objects.published().exclude(status="dropped")
    whole = F("measure__one_off_cost") + F("measure__external_cost")
    change = Sum(Case(When(organisation=organisation, then=SHARE - whole), default=-SHARE))
    rows = (
        MeasureOrganisation.objects.filter(NOT_LEAD, measure__in=counted)
        .filter(Q(organisation=organisation) | Q(measure__lead_organisation=organisation))
        .order_by()
    )
    if key is None:
        return {None: rows.aggregate(total=change)["total"] or ZERO}
    return {row[key]: row["total"] or ZERO for row in rows.values(key).annotate(total=change)}


def as_share(rollups, adjustments):
    """Roll-up rows (by key) with their planned cost as the organisation's share."""
    for key, row in rollups.items():
        row["planned_cost"] += adjustments.get(key, ZERO)
    return rollups


def member_share(snapshot, organisation):
    """The snapshot with only the measures the organisation leads or takes part in, their
    money as the organisation's share (as on the members compared): a participant carries
    its share of the one-off and external cost; the lead the rest, the running cost and the
    funding. Two queries, whatever the number of measures."""
    ids = set(
        Measure.objects.filter(of_organisation(organisation.pk))
        .order_by()
        .values_list("pk", flat=True)
    )
    shares, given_away = {}, {}
    rows = MeasureOrganisation.objects.filter(
        Q(organisation=organisation) | Q(measure__lead_organisation=organisation)
    ).values_list(
        "measure", "organisation", "measure__lead_organisation", "share_one_off_cost",
        "share_external_cost",
    )  # fmt: skip
    for measure, member, lead, one_off, external in rows:
        # A participant that is also the lead is the lead.
        if member == lead:
            continue
        share = (one_off or ZERO) + (external or ZERO)
        if member == organisation.pk:
            shares[measure] = share
        else:
            given_away[measure] = given_away.get(measure, ZERO) + share
    fields = [
        {
            **field,
            "measures": [
                _as_share(m, shares, given_away) for m in field["measures"] if m["id"] in ids
            ],
        }
        for field in snapshot["fields"]
    ]
    return {**snapshot, "fields": fields}


def _as_share(measure, shares, given_away):
    pk = measure["id"]
    if pk in shares:
        # A participant: its share, nothing it does not carry.
        share = str(shares[pk])
        return {
            **measure,
            "one_off_cost": share,
            "external_cost": "0",
            "total_cost": share,
            "running_cost_per_year": "0",
            "granted": "0",
            "own_share": share,
            "funding": [],
        }
    total = Decimal(measure["total_cost"] or 0) - given_away.get(pk, ZERO)
    granted = Decimal(measure["granted"] or 0)
    return {**measure, "total_cost": str(total), "own_share": str(total - granted)}
