"""Charts as SVG made on the server: the web pages show them inline, the PDF as images.

Each chart comes with a title, a text alternative and the table of its numbers, so no one
depends on seeing the picture.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.translation import gettext as _

from agenda.report.snapshot import all_measures
from measures.models import FundingLevel
from strategy.bidi import isolate_text
from strategy.formatting import euro
from strategy.lights import ORDER, SYMBOLS, Light

WIDTH = 680
FONT = 'font-family="DejaVu Sans, Arial, sans-serif" font-size="11"'
# Both at least 3:1 against white (WCAG 1.4.11) and apart from each other in lightness.
DARK, LIGHT, MILESTONE, GRID = "#1b4f72", "#2e86c1", "#b03a2e", "#d5d8dc"
MAX_YEARS = 12


@dataclass
class Chart:
    key: str
    title: str
    description: str
    svg: str
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)


def chart_id(prefix, value):
    """A valid, unique id for user-given `value` (a field code): its letters and a hash."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", str(value)).strip("-")[:20]
    digest = hashlib.sha256(str(value).encode()).hexdigest()[:8]
    return f"{prefix}-{slug}-{digest}" if slug else f"{prefix}-{digest}"


def _svg(key, title, description, height, body):
    key = escape(key)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{key}-title {key}-desc" {FONT}>'
        f'<title id="{key}-title">{escape(title)}</title>'
        f'<desc id="{key}-desc">{escape(description)}</desc>'
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>{"".join(body)}</svg>'
    )


def _text(x, y, text, anchor="start", weight="normal", fill="#1c1c1c"):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-weight="{weight}" '
        f'fill="{fill}">{escape(text)}</text>'
    )


def _rect(x, y, w, h, fill, extra=""):
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}" {extra}/>'


def _diamond(cx, cy, r, hint=""):
    title = f"<title>{escape(hint)}</title>" if hint else ""
    return (
        f'<path d="M{cx:.1f} {cy - r:.1f} l{r} {r} l-{r} {r} l-{r} -{r} Z" '
        f'fill="{MILESTONE}">{title}</path>'
    )


def _year(value):
    return datetime.date.fromisoformat(value).year if value else None


def _span(measure):
    start = _year(measure["actual_start"] or measure["planned_start"])
    end = _year(measure["actual_end"] or measure["planned_end"]) or start
    return (start, max(end, start)) if start else None


def _years(measures):
    spans = [s for s in (_span(m) for m in measures) if s]
    if not spans:
        return []
    first = min(s[0] for s in spans)
    last = min(max(s[1] for s in spans), first + MAX_YEARS - 1)
    return list(range(first, last + 1))


def _money(value):
    return Decimal(value or "0")


def _arrows(key, measures, start_point, end_point):
    """An arrow from each prerequisite's bar end to its dependant's bar start, each with a
    <title> ("4.2-1 vor 4.3-2"); `*_point(measure)` gives (x, y) or None when not drawn."""
    by_reference = {m["reference"]: m for m in measures}
    marker = f"{escape(key)}-arrow"
    paths = []
    for dependant in measures:
        for reference in dependant.get("prerequisites", []):
            prerequisite = by_reference.get(reference)
            begin = prerequisite and end_point(prerequisite)
            finish = start_point(dependant)
            if not begin or not finish:
                continue
            (x1, y1), (x2, y2) = begin, finish
            hint = _("%(prerequisite)s before %(dependant)s") % {
                "prerequisite": reference,
                "dependant": dependant["reference"],
            }
            paths.append(
                f'<path class="dependency-arrow" d="M{x1:.1f} {y1:.1f} C{x1 + 12:.1f} {y1:.1f} '
                f'{x2 - 12:.1f} {y2:.1f} {x2:.1f} {y2:.1f}" fill="none" stroke="{MILESTONE}" '
                f'stroke-width="1.2" marker-end="url(#{marker})">'
                f"<title>{escape(hint)}</title></path>"
            )
    if not paths:
        return []
    head = (
        f'<defs><marker id="{marker}" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" '
        f'markerHeight="6" orient="auto"><path d="M0 0 L6 3 L0 6 Z" fill="{MILESTONE}"/>'
        "</marker></defs>"
    )
    return [head, *paths]


def _with_arrows_note(description, arrows, markers=False):
    if arrows:
        description += " " + _("Arrows lead from a measure to those that need it finished first.")
    if markers:
        description += " " + _(
            "A red triangle before a bar: the measure needs one in another field finished "
            "first (named on the measure's page and in its profile)."
        )
    return description


def timeline(snapshot):
    """Fields × years: how many measures run in each year, and milestones due."""
    measures = all_measures(snapshot)
    years = _years(measures)
    key = "chart-timeline"
    title = _("Timeline: measures per action field and year")
    if not years:
        return Chart(key, title, _("No measure has dates yet."), "")
    label_w, top, row_h = 190, 34, 26
    cell_w = (WIDTH - label_w - 10) / len(years)
    body = [
        _text(label_w + cell_w * (i + 0.5), 20, str(y), "middle", "bold")
        for i, y in enumerate(years)
    ]
    rows = []
    for r, fld in enumerate(snapshot["fields"]):
        y0 = top + r * row_h
        body.append(_text(4, y0 + 17, f"{fld['code']} {fld['title']}"[:30]))
        counts, milestones = [], []
        for year in years:
            running = sum(1 for m in fld["measures"] if (s := _span(m)) and s[0] <= year <= s[1])
            due = sum(
                1
                for m in fld["measures"]
                for ms in m["milestones"]
                if _year(ms["due_date"]) == year
            )
            counts.append(running)
            milestones.append(due)
        peak = max(counts + [1])
        for i, (running, due) in enumerate(zip(counts, milestones, strict=True)):
            x = label_w + i * cell_w
            shade = 0.12 + 0.88 * running / peak if running else 0
            extra = f'fill-opacity="{shade:.2f}" stroke="{GRID}"'
            body.append(_rect(x + 1, y0 + 2, cell_w - 2, row_h - 4, DARK, extra))
            if running:
                colour = "#fff" if shade > 0.5 else "#1c1c1c"
                body.append(
                    _text(x + cell_w / 2 - 4, y0 + 17, str(running), "middle", "bold", colour)
                )
            if due:
                cx, cy = x + cell_w - 9, y0 + 13
                body.append(_diamond(cx, cy, 6, _("%(n)s milestones") % {"n": due}))
        rows.append(
            [f"{fld['code']} {fld['title']}"]
            + [f"{c} / {d}" for c, d in zip(counts, milestones, strict=True)]
        )
    height = top + len(snapshot["fields"]) * row_h + 28
    body.append(
        f'<path d="M{label_w + 6} {height - 14} l6 6 l-6 6 l-6 -6 Z" fill="{MILESTONE}"/>'
        + _text(
            label_w + 18, height - 4, _("milestones due in the year; numbers: measures running")
        )
    )
    description = _(
        "For each action field and year, the number of measures running in that year; a red "
        "diamond marks years with milestones due. The table below gives the same numbers."
    )
    headers = [_("Action field")] + [str(y) for y in years]
    return Chart(
        key, title, description, _svg(key, title, description, height, body), headers, rows
    )


def _bars(key, title, description, items, legend):
    """Horizontal stacked bars: items are (label, [value, value])."""
    label_w, top, row_h = 190, 30, 24
    total_max = max([sum(values) for _label, values in items] + [Decimal(1)])
    scale = (WIDTH - label_w - 110) / total_max
    body = []
    x = label_w
    for name, colour in zip(legend, (DARK, LIGHT), strict=False):
        body.append(_rect(x, 6, 12, 12, colour))
        body.append(_text(x + 18, 16, name))
        # About 6.5 px per character at 11 px: the next entry starts after this one's text.
        x += 18 + len(name) * 6.5 + 24
    for r, (label, values) in enumerate(items):
        y0 = top + r * row_h
        body.append(_text(4, y0 + 15, label[:30]))
        x = label_w
        for value, colour in zip(values, (DARK, LIGHT), strict=False):
            w = float(value * scale)
            if w > 0:
                body.append(_rect(x, y0 + 3, w, row_h - 8, colour))
            x += w
        body.append(_text(x + 6, y0 + 15, euro(sum(values))))
    height = top + len(items) * row_h + 8
    return _svg(key, title, description, height, body)


def budget_by_field(snapshot):
    key = "chart-budget-field"
    title = _("Cost by action field: own share and grants")
    items, rows = [], []
    for fld in snapshot["fields"]:
        granted = sum(_money(m["granted"]) for m in fld["measures"])
        total = sum(_money(m["total_cost"]) for m in fld["measures"])
        own = max(total - granted, Decimal(0))
        items.append((f"{fld['code']} {fld['title']}", [own, granted]))
        rows.append([f"{fld['code']} {fld['title']}", euro(total), euro(own), euro(granted)])
    description = _(
        "For each action field, the one-off and external cost of its measures, split into the "
        "own share and approved grants. The table below gives the amounts."
    )
    legend = [_("Own share"), _("Approved grants")]
    svg = _bars(key, title, description, items, legend) if items else ""
    headers = [_("Action field"), _("Total cost"), _("Own share"), _("Approved grants")]
    return Chart(key, title, description, svg, headers, rows)


def budget_by_year(snapshot):
    key = "chart-budget-year"
    title = _("Cost by year")
    measures = all_measures(snapshot)
    years = _years(measures)
    one_off = dict.fromkeys(years, Decimal(0))
    running = dict.fromkeys(years, Decimal(0))
    for m in measures:
        span = _span(m)
        if not span or span[0] not in one_off:
            continue
        one_off[span[0]] += _money(m["total_cost"])
        for year in range(span[0], span[1] + 1):
            if year in running:
                running[year] += _money(m["running_cost_per_year"])
    items = [(str(y), [one_off[y], running[y]]) for y in years]
    rows = [
        [str(y), euro(one_off[y]), euro(running[y]), euro(one_off[y] + running[y])] for y in years
    ]
    description = _(
        "For each year, the one-off and external cost of the measures starting in it, and the "
        "running cost of the measures running in it. The table below gives the amounts."
    )
    legend = [_("One-off and external cost"), _("Running cost")]
    svg = _bars(key, title, description, items, legend) if items else ""
    headers = [_("Year"), _("One-off and external cost"), _("Running cost"), _("Total")]
    return Chart(key, title, description, svg, headers, rows)


def funding_by_source(snapshot):
    key = "chart-funding-source"
    title = _("Funding by source")
    approved = {level: Decimal(0) for level in FundingLevel.values}
    open_ = {level: Decimal(0) for level in FundingLevel.values}
    for m in all_measures(snapshot):
        for line in m["funding"]:
            if line["status"] == "approved":
                approved[line["source"]] += _money(line["amount"])
            elif line["status"] in ("planned", "applied"):
                open_[line["source"]] += _money(line["amount"])
    labels = dict(FundingLevel.choices)
    items = [(str(labels[s]), [approved[s], open_[s]]) for s in FundingLevel.values]
    rows = [[str(labels[s]), euro(approved[s]), euro(open_[s])] for s in FundingLevel.values]
    description = _(
        "For each source of money (own budget, federal, state, EU, other), the approved amount "
        "and the amount planned or applied for. The table below gives the amounts."
    )
    legend = [_("Approved"), _("Planned or applied for")]
    svg = _bars(key, title, description, items, legend)
    headers = [_("Source"), _("Approved"), _("Planned or applied for")]
    return Chart(key, title, description, svg, headers, rows)


def field_timeline(fld, key=None):
    """One bar per measure across the years, milestones as diamonds."""
    measures = [m for m in fld["measures"] if _span(m)]
    years = _years(measures)
    key = key or chart_id("chart-field", fld["code"])
    # The field's title is user text inside our sentence: isolated, for the SVG and the captions.
    title = _("Timeline of the measures in %(field)s") % {
        "field": f"{fld['code']} {isolate_text(fld['title'])}"
    }
    if not years:
        return Chart(key, title, _("No measure has dates yet."), "")
    label_w, top, row_h = 70, 26, 16
    first = datetime.date(years[0], 1, 1)
    days = (datetime.date(years[-1], 12, 31) - first).days or 1
    scale = (WIDTH - label_w - 10) / days
    body = []
    bottom = top + len(measures) * row_h
    for year in years:
        x = label_w + (datetime.date(year, 1, 1) - first).days * scale
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}"/>'
        )
        body.append(_text(x + 4, 16, str(year), weight="bold"))
    last_day = datetime.date(years[-1], 12, 31)
    bars = {}
    for r, m in enumerate(measures):
        y0 = top + r * row_h
        start = datetime.date.fromisoformat(m["actual_start"] or m["planned_start"])
        end_raw = m["actual_end"] or m["planned_end"]
        end = min(datetime.date.fromisoformat(end_raw) if end_raw else start, last_day)
        x1 = label_w + (start - first).days * scale
        x2 = label_w + (max(end, start) - first).days * scale
        body.append(_text(2, y0 + 11, m["reference"]))
        colour = LIGHT if m["status"] in ("idea", "planned") else DARK
        body.append(_rect(x1, y0 + 3, max(x2 - x1, 3), row_h - 6, colour))
        bars[m["reference"]] = (x1, max(x2, x1 + 3), y0 + row_h / 2)
        for ms in m["milestones"]:
            due = datetime.date.fromisoformat(ms["due_date"])
            if first <= due <= last_day:
                cx, cy = label_w + (due - first).days * scale, y0 + row_h / 2
                body.append(_diamond(cx, cy, 5))
    arrows = _arrows(
        key,
        measures,
        lambda m: (b := bars.get(m["reference"])) and (b[0], b[2]),
        lambda m: (b := bars.get(m["reference"])) and (b[1], b[2]),
    )
    body.extend(arrows)
    # A prerequisite in another field has no bar here: a marker at the bar's start names it.
    markers = False
    for m in measures:
        elsewhere = [ref for ref in m.get("prerequisites", []) if ref not in bars]
        if elsewhere and m["reference"] in bars:
            x1, _x2, cy = bars[m["reference"]]
            hint = _("%(prerequisite)s before %(dependant)s") % {
                "prerequisite": ", ".join(elsewhere),
                "dependant": m["reference"],
            }
            body.append(
                f'<path class="dependency-marker" d="M{x1 - 7:.1f} {cy - 5:.1f} l6 5 l-6 5 Z" '
                f'fill="{MILESTONE}"><title>{escape(hint)}</title></path>'
            )
            markers = True
    height = top + len(measures) * row_h + 6
    description = _(
        "One bar per measure from its start to its target date (dark: in progress or done, "
        "light: planned); red diamonds mark milestones. The measures table lists the dates."
    )
    description = _with_arrows_note(description, arrows, markers)
    return Chart(key, title, description, _svg(key, title, description, height, body))


def overview_charts(snapshot):
    return [
        timeline(snapshot),
        budget_by_field(snapshot),
        budget_by_year(snapshot),
        funding_by_source(snapshot),
    ]


# Dark enough for white text at 11 px (contrast above 7:1); the symbol says the same.
LIGHT_FILLS = {
    Light.DELAYED: "#842029",
    Light.AT_RISK: "#664d03",
    Light.ON_TRACK: "#0f5132",
    Light.DONE: "#084298",
    Light.UNRATED: "#495057",
}


def lights_by_field(rows, key="chart-lights"):
    """One stacked bar per field, a segment per light with its symbol and count written in.

    `rows`: [{"label": "4.1 Verwaltung", "counts": {"delayed": 2, …}}]. Each segment gets a
    fixed minimum width so its text fits; the rest of its length is proportional.
    """
    title = _("Traffic lights per action field")
    headers = [_("Action field")] + [str(light.label) for light in ORDER] + [_("Total")]
    table = [
        [row["label"]] + [row["counts"].get(light, 0) for light in ORDER] + [sum_counts(row)]
        for row in rows
    ]
    totals = {light: sum(row["counts"].get(light, 0) for row in rows) for light in ORDER}
    description = _(
        "For each action field, how many measures are delayed, at risk, on track, completed "
        "or not rated; each segment shows the light's symbol and the number of measures. "
        "The table below gives the same numbers."
    )
    if not any(totals.values()):
        return Chart(key, title, _("No measure to rate yet."), "", headers, table)
    label_w, top, row_h, base = 190, 34, 26, 34
    peak = max(sum_counts(row) for row in rows)
    unit = (WIDTH - label_w - 50 - base * len(ORDER)) / peak
    body, x = [], 4
    for light in ORDER:
        body.append(_rect(x, 8, 12, 12, LIGHT_FILLS[light]))
        text = f"{SYMBOLS[light]} {light.label}"
        body.append(_text(x + 16, 18, text))
        x += 16 + len(text) * 6.5 + 16
    for r, row in enumerate(rows):
        y0 = top + r * row_h
        body.append(_text(4, y0 + 16, row["label"][:30]))
        x = label_w
        for light in ORDER:
            count = row["counts"].get(light, 0)
            if not count:
                continue
            w = base + count * unit
            body.append(_rect(x, y0 + 2, w - 1, row_h - 6, LIGHT_FILLS[light]))
            body.append(
                _text(x + w / 2, y0 + 16, f"{SYMBOLS[light]} {count}", "middle", "bold", "#fff")
            )
            x += w
        body.append(_text(x + 6, y0 + 16, str(sum_counts(row))))
    height = top + len(rows) * row_h + 6
    svg = _svg(key, title, description, height, body)
    return Chart(key, title, description, svg, headers, table)


def sum_counts(row):
    return sum(row["counts"].values())
