"""One indicator as an SVG chart: the planned path from baseline to target, the actual values.

A pure function of plain data, so the staff pages, the public pages and the council report
(which renders a frozen snapshot) draw the same picture. No CSS, no script: WeasyPrint shows it
as the browser does. Every text goes through escape(); user text is isolated (FSI … PDI).
"""

import datetime
import hashlib
import math
import re
from decimal import Decimal

from django.utils.html import escape
from django.utils.translation import gettext as _

from strategy import lights
from strategy.bidi import isolate_text
from strategy.formatting import number

WIDTH, HEIGHT = 600, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 40, 34
FONT = 'font-family="DejaVu Sans, Arial, sans-serif" font-size="11"'
# At least 3:1 against white (WCAG 1.4.11); actual values dark, the plan a grey dashed line.
ACTUAL, PLAN, TARGET, GRID, TEXT = "#1b4f72", "#566573", "#b03a2e", "#d5d8dc", "#1c1c1c"
MAX_YEAR_LABELS = 10


def safe_id(prefix, value):
    """A valid id for any `value`: its plain letters and a hash, so two values never clash."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", str(value)).strip("-")[:20]
    digest = hashlib.sha256(str(value).encode()).hexdigest()[:8]
    return f"{prefix}-{slug}-{digest}" if slug else f"{prefix}-{digest}"


def _day(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def _float(value):
    return float(Decimal(str(value)))


def _pair(entry):
    if isinstance(entry, dict):
        return _day(entry["date"]), _float(entry["value"])
    day, value = entry[:2]
    return _day(day), _float(value)


def figure(value):
    """A value in German format with as many decimals as it needs (at most two)."""
    if value in (None, ""):
        return number(None)
    value = Decimal(str(value))
    places = max(0, min(2, -value.normalize().as_tuple().exponent))
    return number(value, places)


def with_unit(value, unit):
    """A value and its unit for plain text (SVG): the unit is user text, so isolated."""
    return f"{figure(value)}\u00a0{isolate_text(unit)}" if unit else figure(value)


def _german_date(day):
    return day.strftime("%d.%m.%Y")


def nice_ticks(low, high, count=4):
    """About `count` round steps covering low..high (1, 2, 2.5 or 5 times a power of ten)."""
    if high <= low:
        spread = abs(high) or 1.0
        low, high = low - spread / 2, high + spread / 2
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    ticks, tick = [], first
    while tick <= last + step / 2:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def describe(data):
    """The chart in words: baseline, target, latest value and light."""
    unit = data.get("unit", "")
    values = sorted(_pair(v) for v in data.get("values", []))
    parts = [
        _("Baseline %(value)s on %(date)s, target %(target)s by %(target_date)s.")
        % {
            "value": with_unit(data["baseline_value"], unit),
            "date": _german_date(_day(data["baseline_date"])),
            "target": with_unit(data["target_value"], unit),
            "target_date": _german_date(_day(data["target_date"])),
        }
    ]
    if values:
        day, value = values[-1]
        parts.append(
            _("%(count)d values; the latest is %(value)s on %(date)s.")
            % {
                "count": len(values),
                "value": with_unit(Decimal(str(value)), unit),
                "date": _german_date(day),
            }
        )
    else:
        parts.append(_("No value has been entered yet."))
    parts.append(_("Traffic light: %(light)s.") % {"light": lights.label(data.get("light"))})
    return " ".join(parts)


def _text(x, y, text, anchor="start", weight="normal", fill=TEXT):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-weight="{weight}" '
        f'fill="{fill}">{escape(text)}</text>'
    )


def _line(x1, y1, x2, y2, stroke, extra=""):
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" {extra}/>'
    )


def _legend():
    y = 16
    return [
        _line(LEFT, y - 4, LEFT + 26, y - 4, PLAN, 'stroke-width="2" stroke-dasharray="6 4"'),
        _text(LEFT + 32, y, _("Planned path")),
        _line(LEFT + 150, y - 4, LEFT + 176, y - 4, ACTUAL, 'stroke-width="2.5"'),
        f'<circle cx="{LEFT + 163}" cy="{y - 4}" r="3.5" fill="{ACTUAL}"/>',
        _text(LEFT + 182, y, _("Actual values")),
        _target_mark(LEFT + 306, y - 4),
        _text(LEFT + 318, y, _("Target value")),
    ]


def _target_mark(cx, cy, hint=""):
    title = f"<title>{escape(hint)}</title>" if hint else ""
    return (
        f'<path d="M{cx:.1f} {cy - 6:.1f} l6 6 l-6 6 l-6 -6 Z" fill="#fff" '
        f'stroke="{TARGET}" stroke-width="2.5">{title}</path>'
    )


def indicator_svg(data, key=None):
    """The chart of one indicator as an SVG string.

    `data`: name, unit, baseline_value, baseline_date, target_value, target_date, light and
    values, a list of (date, value) pairs or of dicts with "date" and "value"; dates as
    `date` or ISO text, numbers as Decimal, float or text. `key` makes the ids unique.
    """
    key = safe_id("indicator-chart", key if key is not None else data.get("id", data["name"]))
    unit = data.get("unit", "")
    start, end = _day(data["baseline_date"]), _day(data["target_date"])
    base, target = _float(data["baseline_value"]), _float(data["target_value"])
    values = sorted(_pair(v) for v in data.get("values", []))
    first = min([start] + [d for d, _v in values])
    last = max([end] + [d for d, _v in values])
    span = max((last - first).days, 1)
    numbers = [base, target] + [v for _d, v in values]
    ticks = nice_ticks(min(numbers), max(numbers))
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day):
        return LEFT + (day - first).days / span * plot_w

    def y(value):
        return TOP + plot_h - (value - low) / (high - low) * plot_h

    body = _legend()
    for tick in ticks:
        body.append(_line(LEFT, y(tick), WIDTH - RIGHT, y(tick), GRID))
        body.append(_text(LEFT - 6, y(tick) + 4, figure(Decimal(str(tick))), "end"))
    if unit:
        body.append(_text(4, TOP - 8, unit[:12]))
    years = list(range(first.year + (first.month > 1 or first.day > 1), last.year + 1))
    step = math.ceil(len(years) / MAX_YEAR_LABELS) if years else 1
    for year in years[::step]:
        day = datetime.date(year, 1, 1)
        body.append(_line(x(day), TOP, x(day), TOP + plot_h + 4, GRID))
        body.append(_text(x(day), HEIGHT - BOTTOM + 18, str(year), "middle", "bold"))
    body.append(_line(LEFT, TOP + plot_h, WIDTH - RIGHT, TOP + plot_h, "#85929e"))
    body.append(
        _line(x(start), y(base), x(end), y(target), PLAN, 'stroke-width="2" stroke-dasharray="6 4"')
    )
    target_hint = _("Target: %(value)s by %(date)s") % {
        "value": with_unit(data["target_value"], unit),
        "date": _german_date(end),
    }
    body.append(_target_mark(x(end), y(target), target_hint))
    if values:
        points = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in values)
        body.append(
            f'<polyline points="{points}" fill="none" stroke="{ACTUAL}" stroke-width="2.5"/>'
        )
        for day, value in values:
            hint = f"{_german_date(day)}: {with_unit(Decimal(str(value)), unit)}"
            body.append(
                f'<circle cx="{x(day):.1f}" cy="{y(value):.1f}" r="3.5" fill="{ACTUAL}">'
                f"<title>{escape(hint)}</title></circle>"
            )
    title = _("Indicator “%(name)s”") % {"name": isolate_text(data["name"])}
    description = describe(data)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{key}-title {key}-desc" {FONT}>'
        f'<title id="{key}-title">{escape(title)}</title>'
        f'<desc id="{key}-desc">{escape(description)}</desc>'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>{"".join(body)}</svg>'
    )


def model_data(indicator):
    """The chart's plain data from an Indicator (values prefetched, `light` annotated)."""
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline_value": indicator.baseline_value,
        "baseline_date": indicator.baseline_date,
        "target_value": indicator.target_value,
        "target_date": indicator.target_date,
        "light": getattr(indicator, "light", ""),
        "values": [(v.date, v.value) for v in indicator.values.all()],
    }
