"""The portfolio chart: impact against effort, as server-side SVG.

Works from plain data (dicts), so the staff page and the report (from a frozen snapshot)
draw the same picture. The table beside it is the text alternative.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from strategy.bidi import isolate_text

WIDTH, HEIGHT, MARGIN = 560, 400, 56


def share(value, scale):
    """A raw value on its scale as 0..1 (not flipped: the chart shows effort as effort)."""
    if value is None:
        return None
    low, high = (0, 3) if scale == "0-3" else (1, 5)
    return (value - low) / (high - low)


def points_from_measures(measures, criteria):
    """Chart points from measures with prefetched `scores`: only those with both axes."""
    axes = {c.axis: c for c in criteria if c.axis}
    impact, effort = axes.get("impact"), axes.get("effort")
    if impact is None or effort is None:
        return []
    points = []
    for m in measures:
        values = {s.criterion_id: s.value for s in m.scores.all()}
        points.append(
            {
                "reference": m.reference,
                "title": m.title,
                "impact": share(values.get(impact.pk), impact.scale),
                "effort": share(values.get(effort.pk), effort.scale),
                # The raw values, for the table that is the chart's text alternative.
                "impact_value": values.get(impact.pk),
                "effort_value": values.get(effort.pk),
            }
        )
    return [p for p in points if p["impact"] is not None and p["effort"] is not None]


def portfolio_svg(points):
    """SVG markup (safe) for points [{reference, title, impact 0..1, effort 0..1}]."""
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN

    def x(v):
        return MARGIN + v * inner_w

    def y(v):
        return HEIGHT - MARGIN - v * inner_h

    title = _("Portfolio: impact against effort")
    desc = _(
        "Each point is a measure, labelled by its reference: further up means more impact "
        "on the goals, further right more effort. The table beside the chart lists the values."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" style="max-width:100%;height:auto" role="img" '
        'class="priority-portfolio" '
        f'aria-labelledby="portfolio-title portfolio-desc">',
        f'<title id="portfolio-title">{escape(title)}</title>',
        f'<desc id="portfolio-desc">{escape(desc)}</desc>',
        f'<rect x="{MARGIN}" y="{MARGIN}" width="{inner_w}" height="{inner_h}" '
        'fill="#fff" stroke="#555"/>',
        f'<line x1="{x(0.5)}" y1="{MARGIN}" x2="{x(0.5)}" y2="{HEIGHT - MARGIN}" '
        'stroke="#999" stroke-dasharray="4 4"/>',
        f'<line x1="{MARGIN}" y1="{y(0.5)}" x2="{WIDTH - MARGIN}" y2="{y(0.5)}" '
        'stroke="#999" stroke-dasharray="4 4"/>',
    ]
    quadrants = [
        (0.25, 0.95, _("Quick wins")),
        (0.75, 0.95, _("Major projects")),
        (0.25, 0.05, _("Fill-ins")),
        (0.75, 0.05, _("Reconsider")),
    ]
    for qx, qy, label in quadrants:
        parts.append(
            f'<text x="{x(qx):.1f}" y="{y(qy) + 4:.1f}" text-anchor="middle" '
            f'font-size="13" fill="#555" class="quadrant">{escape(label)}</text>'
        )
    parts.append(
        f'<text x="{WIDTH / 2}" y="{HEIGHT - 14}" text-anchor="middle" font-size="13">'
        f"{escape(_('Effort (low → high)'))}</text>"
    )
    parts.append(
        f'<text x="18" y="{HEIGHT / 2}" text-anchor="middle" font-size="13" '
        f'transform="rotate(-90 18 {HEIGHT / 2})">{escape(_("Impact (low → high)"))}</text>'
    )
    seen = {}
    for p in points:
        key = (round(p["effort"], 3), round(p["impact"], 3))
        # Measures on the same spot are fanned out, so every label stays readable.
        offset = seen.get(key, 0)
        seen[key] = offset + 1
        cx = x(p["effort"]) + (offset % 4) * 9 - 13
        cy = y(p["impact"]) + (offset // 4) * 14 - 7 * (offset > 0)
        parts.append(
            f'<g class="point"><title>{escape(p["reference"])} {escape(isolate_text(p["title"]))}'
            "</title>"
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#1d4f91"/>'
            f'<text x="{cx + 6:.1f}" y="{cy - 5:.1f}" font-size="10">{escape(p["reference"])}'
            "</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
