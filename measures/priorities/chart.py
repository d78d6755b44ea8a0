"""The portfolio chart: impact against effort, as server-side SVG.

Works from plain data (dicts), so the staff page and the report (from a frozen snapshot)
draw the same picture. The table beside it is the text alternative.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from strategy.bidi import isolate_text

WIDTH, HEIGHT, MARGIN = 720, 520, 60


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


LINE, COLUMN, ROWS, COLUMNS = 13, 50, 6, 2


def _position(share_):
    """0..1 onto 0.1..0.9 of the plot, so the lowest and highest values sit inside it."""
    return 0.1 + 0.8 * share_


def _groups(points):
    """Measures with the same values share one spot: grouped, in reference order."""
    groups = {}
    for p in points:
        groups.setdefault((round(p["effort"], 3), round(p["impact"], 3)), []).append(p)
    return sorted(groups.items())


def portfolio_svg(points):
    """SVG markup (safe) for points [{reference, title, impact 0..1, effort 0..1}].

    Scores are whole numbers on a short scale, so many measures share a spot. Each spot is
    one circle with the number of measures in it and their references listed beside it
    (up to twelve, then "+ n more"); every reference carries its title as a tooltip.
    """
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN

    def x(v):
        return MARGIN + _position(v) * inner_w

    def y(v):
        return HEIGHT - MARGIN - _position(v) * inner_h

    title = _("Portfolio: impact against effort")
    desc = _(
        "Each circle is a group of measures with the same values, with their number and "
        "references: further up means more impact on the goals, further right more effort. "
        "The table beside the chart lists the values."
    )
    mid_x, mid_y = MARGIN + inner_w / 2, MARGIN + inner_h / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" style="max-width:100%;height:auto" role="img" '
        'class="priority-portfolio" '
        f'aria-labelledby="portfolio-title portfolio-desc">',
        f'<title id="portfolio-title">{escape(title)}</title>',
        f'<desc id="portfolio-desc">{escape(desc)}</desc>',
        # The quick wins (much impact, little effort) are tinted; the rest stays white.
        f'<rect x="{MARGIN}" y="{MARGIN}" width="{inner_w}" height="{inner_h}" '
        'fill="#fff" stroke="#555"/>',
        f'<rect x="{MARGIN}" y="{MARGIN}" width="{inner_w / 2}" height="{inner_h / 2}" '
        'fill="#e8f3ea"/>',
        f'<line x1="{mid_x}" y1="{MARGIN}" x2="{mid_x}" y2="{HEIGHT - MARGIN}" '
        'stroke="#767676" stroke-dasharray="4 4"/>',
        f'<line x1="{MARGIN}" y1="{mid_y}" x2="{WIDTH - MARGIN}" y2="{mid_y}" '
        'stroke="#767676" stroke-dasharray="4 4"/>',
    ]
    # Quadrant names sit outside the plot (above and below), where no reference can cover them.
    quadrants = [
        (MARGIN + inner_w / 4, MARGIN - 10, _("Quick wins")),
        (MARGIN + 3 * inner_w / 4, MARGIN - 10, _("Major projects")),
        (MARGIN + inner_w / 4, HEIGHT - MARGIN + 18, _("Fill-ins")),
        (MARGIN + 3 * inner_w / 4, HEIGHT - MARGIN + 18, _("Reconsider")),
    ]
    for qx, qy, label in quadrants:
        parts.append(
            f'<text x="{qx:.1f}" y="{qy:.1f}" text-anchor="middle" font-size="13" '
            f'font-weight="bold" fill="#404040" class="quadrant">{escape(label)}</text>'
        )
    parts.append(
        f'<text x="{WIDTH / 2}" y="{HEIGHT - 10}" text-anchor="middle" font-size="13">'
        f"{escape(_('Effort (low → high)'))}</text>"
    )
    parts.append(
        f'<text x="18" y="{HEIGHT / 2}" text-anchor="middle" font-size="13" '
        f'transform="rotate(-90 18 {HEIGHT / 2})">{escape(_("Impact (low → high)"))}</text>'
    )
    for (effort, impact), group in _groups(points):
        cx, cy = x(effort), y(impact)
        radius = 9 + min(len(group), 20) ** 0.5 * 1.5
        references = ", ".join(p["reference"] for p in group)
        parts.append(
            f'<g class="spot"><title>{escape(references)}</title>'
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" fill="#1d4f91"/>'
            f'<text x="{cx:.1f}" y="{cy + 4:.1f}" text-anchor="middle" font-size="11" '
            f'font-weight="bold" fill="#fff">{len(group)}</text></g>'
        )
        shown = group if len(group) <= ROWS * COLUMNS else group[: ROWS * COLUMNS - 1]
        rows = min(len(group), ROWS)
        top = cy - (rows - 1) * LINE / 2 + 3.5
        for n, p in enumerate(shown):
            tx, ty = cx + radius + 4 + (n // ROWS) * COLUMN, top + (n % ROWS) * LINE
            name = f"{p['reference']} {isolate_text(p['title'])}"
            parts.append(
                f'<g class="point"><title>{escape(name)}</title>'
                f'<text x="{tx:.1f}" y="{ty:.1f}" font-size="11" fill="#1c1c1c">'
                f"{escape(p['reference'])}</text></g>"
            )
        if len(shown) < len(group):
            n = len(shown)
            tx, ty = cx + radius + 4 + (n // ROWS) * COLUMN, top + (n % ROWS) * LINE
            more = _("+ %(count)s more") % {"count": len(group) - len(shown)}
            parts.append(
                f'<text x="{tx:.1f}" y="{ty:.1f}" font-size="11" fill="#404040">'
                f"{escape(more)}</text>"
            )
    parts.append("</svg>")
    # Every text above is escaped.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703
