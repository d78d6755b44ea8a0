"""The report's first chapter, "Stand der Umsetzung": the lights per field, what is late and
why, read from the snapshot (plain data) like the rest of the report."""

from decimal import Decimal

from django.utils.translation import gettext as _

from agenda.report import charts
from agenda.report.snapshot import all_measures
from strategy.lights import ORDER, RANK, Light

ATTENTION = (Light.DELAYED, Light.AT_RISK)


def _row(label, rollup):
    return {
        "label": label,
        "counts": [rollup["lights"].get(light, 0) for light in ORDER],
        "measure_count": rollup["measure_count"],
        "progress": rollup["progress"],
        "planned_cost": rollup["planned_cost"],
        "actual_cost": rollup["actual_cost"],
    }


def _total(fields):
    """The whole report's roll-up from its fields': a measure belongs to one field only."""
    rollups = [f["rollup"] for f in fields]
    count = sum(r["measure_count"] for r in rollups)
    return {
        "measure_count": count,
        # Each measure counts the same: the fields' means weighted by their measures.
        "progress": round(sum(r["progress"] * r["measure_count"] for r in rollups) / count)
        if count
        else 0,
        "planned_cost": str(sum(Decimal(r["planned_cost"]) for r in rollups)),
        "actual_cost": str(sum(Decimal(r["actual_cost"]) for r in rollups)),
        "lights": {light: sum(r["lights"].get(light, 0) for r in rollups) for light in ORDER},
    }


def attention(snapshot):
    """Delayed, then at-risk measures, each with why (the override's reason, else the latest
    released report's problems) and what comes next."""
    measures = [m for m in all_measures(snapshot) if m.get("light") in ATTENTION]
    measures.sort(key=lambda m: RANK[m["light"]])
    return [
        {
            "measure": m,
            "reason": m["override_reason"] or ((m["latest_report"] or {}).get("problems") or ""),
            "next_steps": (m["latest_report"] or {}).get("next_steps") or "",
        }
        for m in measures
    ]


def context(shown):
    """What the chapter needs; empty for a snapshot taken before the traffic lights."""
    fields = [f for f in shown["fields"] if f.get("rollup") is not None]
    if not fields:
        return {"state": None}
    rows = [_row(f"{f['code']} {f['title']}", f["rollup"]) for f in fields]
    chart = charts.lights_by_field(
        [{"label": f"{f['code']} {f['title']}", "counts": f["rollup"]["lights"]} for f in fields]
    )
    return {
        "state": {
            "as_of": shown.get("lights_as_of"),
            "chart": chart,
            "lights": [(light, light.label) for light in ORDER],
            "rows": rows,
            "total": _row(_("All action fields"), _total(fields)),
            "attention": attention(shown),
        }
    }
