"""What changed between two snapshots of the agenda: the report's last chapter and the
comparison page show the same list."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from agenda.report.snapshot import all_measures

# Compared per measure, in this order: (key, label, kind)
COMPARED = [
    ("title", _("Title"), "text"),
    ("field_code", _("Action field"), "text"),
    ("status", _("Status"), "status"),
    ("progress", _("Progress"), "percent"),
    ("planned_start", _("Planned start"), "date"),
    ("planned_end", _("Target date"), "date"),
    ("actual_start", _("Actual start"), "date"),
    ("actual_end", _("Actual end"), "date"),
    ("total_cost", _("Total cost"), "money"),
    ("running_cost_per_year", _("Running cost per year"), "money"),
    ("granted", _("Granted funding"), "money"),
    ("is_published", _("Published"), "bool"),
]


def _same(kind, old, new):
    if kind == "money":
        return Decimal(old or "0") == Decimal(new or "0")
    return old == new


def light_changes(before, after):
    """(measure, old light, new light) for each measure whose light changed; a snapshot taken
    before the traffic lights has none to compare."""
    return [
        {"measure": measure, "old": before[ref]["light"], "new": measure["light"]}
        for ref, measure in after.items()
        if ref in before
        and before[ref].get("light")
        and measure.get("light")
        and before[ref]["light"] != measure["light"]
    ]


def compare(old, new):
    """Differences from snapshot `old` to snapshot `new`, by measure reference."""
    before = {m["reference"]: m for m in all_measures(old)} if old else {}
    after = {m["reference"]: m for m in all_measures(new)}
    changed = []
    for reference, measure in after.items():
        if reference not in before:
            continue
        changes = [
            {
                "key": key,
                "label": label,
                "kind": kind,
                "old": before[reference].get(key),
                "new": measure.get(key),
            }
            for key, label, kind in COMPARED
            if not _same(kind, before[reference].get(key), measure.get(key))
        ]
        if changes:
            changed.append({"measure": measure, "changes": changes})
    return {
        "light_changes": light_changes(before, after),
        "has_baseline": old is not None,
        "added": [m for ref, m in after.items() if ref not in before],
        "removed": [m for ref, m in before.items() if ref not in after],
        "changed": changed,
    }
