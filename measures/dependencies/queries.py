"""What the measure pages, the charts and the report read about dependencies."""

from django.db.models import Prefetch, Q
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
    and whether (and why) the dependency flag is up. Two queries."""
    from measures.models import Measure

    today = today_or(today)
    links = list(
        Dependency.objects.filter(Q(dependant=measure) | Q(prerequisite=measure)).order_by("id")
    )
    others = {link.prerequisite_id for link in links} | {link.dependant_id for link in links}
    others.discard(measure.pk)
    found = Measure.objects.with_light(today).filter(pk__in=others)
    if published_only:
        found = found.published()
    by_id = found.in_bulk() if others else {}
    needs, waits = [], []
    for link in links:
        if link.dependant_id == measure.pk and link.prerequisite_id in by_id:
            other = by_id[link.prerequisite_id]
            reasons = trouble_reasons(other, measure, today)
            needs.append({"link": link, "measure": other, "reasons": reasons})
        elif link.prerequisite_id == measure.pk and link.dependant_id in by_id:
            waits.append({"link": link, "measure": by_id[link.dependant_id]})
    needs.sort(key=lambda row: row["measure"].reference)
    waits.sort(key=lambda row: row["measure"].reference)
    return {
        "needs": needs,
        "waits": waits,
        "reasons": [reason for row in needs for reason in row["reasons"]],
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
