"""What the measure pages, the charts and the report read about dependencies."""

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext

from measures.dependencies.models import Dependency
from measures.lights import Light, dependency_at_risk, today_or


def trouble_reasons(prerequisite, dependant, today):
    """Why `prerequisite` puts `dependant` at risk (the flag's rule in flags.py, in words)."""
    if prerequisite.status == "completed" or prerequisite.light == Light.DONE:
        return []
    reasons = []
    late = prerequisite.planned_end is not None and prerequisite.planned_end < today
    if prerequisite.light == Light.DELAYED or late:
        reasons.append(gettext("%(measure)s is delayed") % {"measure": prerequisite.reference})
    if (
        dependant.planned_start is not None
        and prerequisite.planned_end is not None
        and prerequisite.planned_end > dependant.planned_start
    ):
        reasons.append(
            gettext("starts before %(measure)s is due to end") % {"measure": prerequisite.reference}
        )
    return reasons


def dependencies_of(measure, *, published_only=False, today=None):
    """The measure's prerequisites and the measures waiting for it, each with its light,
    the link (pk, note, label) and why the dependency flag is up. One query."""
    from measures.models import Measure

    today = today_or(today)
    as_prerequisite = Dependency.objects.filter(dependant=measure, prerequisite=OuterRef("pk"))
    as_dependant = Dependency.objects.filter(prerequisite=measure, dependant=OuterRef("pk"))
    found = (
        Measure.objects.with_light(today)
        .annotate(
            need_id=Subquery(as_prerequisite.values("pk")[:1]),
            need_note=Subquery(as_prerequisite.values("note")[:1]),
            wait_id=Subquery(as_dependant.values("pk")[:1]),
            wait_note=Subquery(as_dependant.values("note")[:1]),
        )
        .filter(Q(need_id__isnull=False) | Q(wait_id__isnull=False))
        .order_by("reference")
    )
    if published_only:
        found = found.published()
    needs, waits = [], []
    for other in found:
        if other.need_id is not None:
            link = {
                "pk": other.need_id,
                "note": other.need_note,
                "label": _label(other.reference, measure.reference),
            }
            reasons = trouble_reasons(other, measure, today)
            needs.append({"link": link, "measure": other, "reasons": reasons})
        if other.wait_id is not None:
            link = {
                "pk": other.wait_id,
                "note": other.wait_note,
                "label": _label(measure.reference, other.reference),
            }
            waits.append({"link": link, "measure": other})
    return {
        "needs": needs,
        "waits": waits,
        "reasons": [reason for row in needs for reason in row["reasons"]],
    }


def _label(prerequisite, dependant):
    return gettext("%(prerequisite)s before %(dependant)s") % {
        "prerequisite": prerequisite,
        "dependant": dependant,
    }


def prerequisite_references(measure_ids=None):
    """{dependant id: [prerequisite reference, …]} in one query (all measures when None)."""
    links = Dependency.objects.order_by("prerequisite__reference")
    if measure_ids is not None:
        links = links.filter(dependant__in=measure_ids)
    result = {}
    for dependant_id, reference in links.values_list("dependant_id", "prerequisite__reference"):
        result.setdefault(dependant_id, []).append(reference)
    return result


def with_dependencies(measures, today):
    """Measures with `dependency_at_risk` and their prerequisite links prefetched, for
    `snapshot_data()`: the same number of queries however many measures there are."""
    links = Prefetch(
        "prerequisite_links",
        queryset=Dependency.objects.select_related("prerequisite").order_by(
            "prerequisite__reference"
        ),
    )
    return measures.annotate(dependency_at_risk=dependency_at_risk(today)).prefetch_related(links)


def snapshot_data(measure):
    """What the snapshot keeps of one measure's dependencies (needs `with_dependencies`)."""
    return {
        "prerequisites": [link.prerequisite.reference for link in measure.prerequisite_links.all()],
        "dependency_at_risk": measure.dependency_at_risk,
    }
