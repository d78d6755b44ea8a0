"""A federation's members in the report, read from the snapshot (plain data) alone.

`narrow` cuts a snapshot down to one member's part: the shared strategy, the measures it
leads or takes part in, its goals, indicators and ideas, and the field roll-ups worked out
again from those measures with the member's share of the cost. `comparison` gives the
whole-federation report's chapter "Die Mitglieder im Vergleich".

A joint measure counts once in every total: its lead carries the measure's cost less the
participants' shares, each participant its own share; its granted funding counts for the
lead (as on the public comparison page, agenda/public/organisations.py).
"""

from decimal import Decimal

from strategy import lights

PUBLISHED = "published"
DROPPED = "dropped"


def _dec(value):
    return Decimal(value or "0")


def organisations(snapshot):
    """slug -> organisation (plain data); empty for snapshots taken before organisations."""
    return {o["slug"]: o for o in snapshot.get("organisations", [])}


def several(snapshot):
    return len(snapshot.get("organisations", [])) > 1


def _partners(measure):
    """The participants other than the lead: they make a measure joint."""
    lead = measure.get("lead_organisation")
    return [share for share in measure.get("organisations", []) if share["slug"] != lead]


def takes_part(measure, slug):
    return measure.get("lead_organisation") == slug or any(
        share["slug"] == slug for share in _partners(measure)
    )


def share_of(measure, slug):
    """(planned cost, staff days) `slug` carries of `measure`: the lead the rest."""
    partners = _partners(measure)
    if measure.get("lead_organisation") == slug:
        cost = _dec(measure["total_cost"]) - sum(_dec(s["share_cost"]) for s in partners)
        days = _dec(measure["staff_days"]) - sum(_dec(s["share_staff_days"]) for s in partners)
        return cost, days
    for share in partners:
        if share["slug"] == slug:
            return _dec(share["share_cost"]), _dec(share["share_staff_days"])
    return Decimal(0), Decimal(0)


def mark_joint(measure, names):
    """The measure with its lead's and partners' names, for the report to say it is joint."""
    lead = measure.get("lead_organisation")
    partners = _partners(measure)
    return {
        **measure,
        "joint": bool(partners),
        "lead_name": names[lead]["name"] if lead in names else "",
        "partner_names": [names[s["slug"]]["name"] for s in partners if s["slug"] in names],
    }


def _counted(measures):
    return [m for m in measures if m["status"] != DROPPED]


def _progress(measures):
    """The plain mean, a completed measure counting 100 % (as Measure.objects.rollup)."""
    if not measures:
        return 0
    total = sum(100 if m["status"] == "completed" else (m["progress"] or 0) for m in measures)
    return round(total / len(measures))


def _lights(measures):
    counts = {}
    for m in measures:
        counts[m["light"]] = counts.get(m["light"], 0) + 1
    return counts


def member_rollup(measures, slug):
    """A field roll-up (as the snapshot stores it) of `slug`'s part of `measures`."""
    counted = _counted(measures)
    return {
        "measure_count": len(counted),
        "progress": _progress(counted),
        "planned_cost": str(sum((share_of(m, slug)[0] for m in counted), Decimal(0))),
        # What was spent is booked by the lead.
        "actual_cost": str(
            sum(
                (_dec(m["actual_cost"]) for m in counted if m.get("lead_organisation") == slug),
                Decimal(0),
            )
        ),
        "lights": _lights(counted),
    }


def _member_measure(measure, slug, names):
    cost, days = share_of(measure, slug)
    return {**mark_joint(measure, names), "member_cost": str(cost), "member_staff_days": str(days)}


def _member_ideas(ideas, slug):
    counts = ideas.get("by_organisation", {}).get(slug) or {
        "total": 0,
        "by_channel": {},
        "by_kind": {},
        "by_state": {},
        "by_field": {},
    }
    promoted = [i for i in ideas.get("promoted", []) if i.get("organisation") == slug]
    return {**counts, "promoted": promoted}


def narrow(snapshot, slug, *, include_unpublished=False):
    """The snapshot as one member's report shows it (see the module's docstring)."""
    names = organisations(snapshot)
    if slug not in names:
        raise ValueError(f"the snapshot has no organisation {slug!r}")
    fields, goal_ids = [], set()
    for field in snapshot["fields"]:
        goals = [g for g in field["goals"] if g.get("organisation") in (None, slug)]
        goal_ids.update(g.get("id") for g in goals)
        measures = [
            _member_measure(m, slug, names) for m in field["measures"] if takes_part(m, slug)
        ]
        narrowed = {**field, "goals": goals, "measures": measures}
        if "rollups" in field:  # snapshots older than the traffic lights have none
            narrowed["rollups"] = {
                "all": member_rollup(measures, slug),
                PUBLISHED: member_rollup([m for m in measures if m["is_published"]], slug),
            }
        fields.append(narrowed)
    return {
        **snapshot,
        "member": names[slug],
        "fields": fields,
        "indicators": [i for i in snapshot.get("indicators", []) if i["goal_id"] in goal_ids],
        "ideas": _member_ideas(snapshot["ideas"], slug),
    }


def with_member_figures(shown, slug):
    """`shown` (narrowed to `slug`) with each measure's money as the member's part, for the
    budget charts: its cost share; funding and running cost where it leads (the lead books
    them, as the comparison counts them)."""
    fields = []
    for field in shown["fields"]:
        measures = []
        for m in field["measures"]:
            lead = m.get("lead_organisation") == slug
            measures.append(
                {
                    **m,
                    "total_cost": m["member_cost"],
                    "granted": m["granted"] if lead else "0",
                    "running_cost_per_year": m["running_cost_per_year"] if lead else "0",
                    "funding": m["funding"] if lead else [],
                }
            )
        fields.append({**field, "measures": measures})
    return {**shown, "fields": fields}


def _light_counts(measures):
    counts = _lights(measures)
    return [
        {
            "value": value,
            "symbol": lights.symbol(value),
            "label": lights.label(value),
            "count": counts.get(value, 0),
        }
        for value in lights.ORDER
    ]


def _row(name, measures, own_count, joint_count, cost, funding):
    return {
        "name": name,
        "own_count": own_count,
        "joint_count": joint_count,
        "measure_count": len(measures),
        "progress": _progress(measures),
        "lights": _light_counts(measures),
        "cost": str(cost),
        "funding": str(funding),
    }


def comparison(shown):
    """The members side by side and the federation once, from the measures `shown`;
    None unless the snapshot has several organisations."""
    if not several(shown):
        return None
    measures = _counted([m for field in shown["fields"] for m in field["measures"]])
    rows = []
    for organisation in shown["organisations"]:
        slug = organisation["slug"]
        own = [m for m in measures if m.get("lead_organisation") == slug]
        joint = [m for m in measures if m.get("lead_organisation") != slug and takes_part(m, slug)]
        if organisation["is_root"] and not own and not joint:
            continue  # the root appears only where it leads or shares measures itself
        rows.append(
            _row(
                organisation["name"],
                own + joint,
                len(own),
                len(joint),
                sum((share_of(m, slug)[0] for m in own + joint), Decimal(0)),
                sum((_dec(m["granted"]) for m in own), Decimal(0)),
            )
        )
    joint_total = sum(1 for m in measures if _partners(m))
    total = _row(
        "",
        measures,
        len(measures) - joint_total,
        joint_total,
        sum((_dec(m["total_cost"]) for m in measures), Decimal(0)),
        sum((_dec(m["granted"]) for m in measures), Decimal(0)),
    )
    return {"rows": rows, "total": total, "lights": [(v, lights.label(v)) for v in lights.ORDER]}
