"""The council report: HTML from the print templates, laid out as a tagged PDF by WeasyPrint.

The renderer only reads a snapshot (plain data), never the database, so it can run in a
separate process that ends after each report: WeasyPrint does not give its memory back
(Kozea/WeasyPrint#1950), a finished process does.
"""

import base64
import datetime
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from queue import Empty

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from agenda.brand import HEX_COLOUR
from agenda.report import charts, members, pdf_worker, steering
from agenda.report.diff import compare
from agenda.report.snapshot import INTERNAL, all_measures, for_audience, select
from measures.models import FundingLevel, FundingLine, Measure
from participation.models import Idea
from strategy.indicators.chart import indicator_svg

# The report's heading colour before the portal had a brand.
REPORT_ACCENT = "#1b4f72"


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    peak_mib: float


def choice_labels():
    """Stored choice value -> label, for templates that render snapshot data."""
    return {
        "status": dict(Measure.Status.choices),
        "priority": {str(k): v for k, v in Measure.Priority.choices},
        "feasibility": {str(k): v for k, v in Measure.Feasibility.choices},
        "source": dict(FundingLevel.choices),
        "funding_status": dict(FundingLine.Status.choices),
        "kind": dict(Idea.Kind.choices),
        "channel": dict(Idea.Channel.choices),
        "state": dict(Idea.State.choices),
    }


def _counted(counts, labels):
    return [
        (labels.get(key, key or _("none")), n)
        for key, n in sorted(counts.items(), key=lambda kv: -kv[1])
    ]


def _image(chart):
    return _svg_image(chart.svg) if chart.svg else ""


def _svg_image(svg):
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def indicator_items(snapshot):
    """The snapshot's indicators for report/indicators.html, each with its chart."""
    items = []
    for indicator in snapshot.get("indicators", []):
        svg = indicator_svg(indicator, key=f"report-{indicator['id']}")
        items.append({**indicator, "chart_svg": svg, "chart_image": _svg_image(svg)})
    return items


def report_context(
    snapshot,
    *,
    audience,
    field_code="",
    include_unpublished=False,
    organisation="",
    previous=None,
    edition=None,
    previous_edition=None,
    logo="",
    accent="",
    compact=False,
):
    """Everything the print templates need; `previous` is the snapshot to compare with,
    `previous_edition` the title and date of the edition it was taken from.

    `audience` ("public" or "internal") has no default: every caller says who reads it.
    `organisation` (a member's slug) shows that member's part; empty: the whole federation.
    `compact`: the council's short edition, one table row per measure and no profiles.
    """
    snapshot = for_audience(snapshot, audience)
    previous = for_audience(previous, audience) if previous else None
    scope = {
        "field_code": field_code,
        "include_unpublished": include_unpublished,
        "organisation": organisation,
    }
    shown = select(snapshot, **scope)
    if not organisation and members.several(snapshot):
        names = members.organisations(snapshot)
        shown["fields"] = [
            {**f, "measures": [members.mark_joint(m, names) for m in f["measures"]]}
            for f in shown["fields"]
        ]
    labels = choice_labels()
    # A member's budget charts show its part of the money, not the joint measures' totals.
    overview = charts.overview_charts(
        members.with_member_figures(shown, organisation) if organisation else shown
    )
    for chart in overview:
        chart.image = _image(chart)
    fields = []
    for fld in shown["fields"]:
        # The compact edition shows no field chapters, so no field timelines either.
        timeline = None if compact else charts.field_timeline(fld)
        if timeline:
            timeline.image = _image(timeline)
        fields.append({**fld, "timeline": timeline})
    ideas = shown["ideas"]
    field_titles = {f["code"]: f"{f['code']} {f['title']}" for f in snapshot["fields"]}
    # An earlier snapshot without this member has nothing of its part to compare with.
    comparable = previous and (not organisation or organisation in members.organisations(previous))
    baseline = select(previous, **scope) if comparable else None
    measures = all_measures(shown)
    state = steering.context(shown)
    if state["state"]:
        state["state"]["chart"].image = _image(state["state"]["chart"])
    return {
        **state,
        "snapshot": shown,
        "organisation": snapshot["organisation"],
        # The member whose part this is (None: the whole federation), and the cover's council.
        "member": shown.get("member"),
        "addressee": _addressee(shown, organisation),
        "comparison": None if organisation else members.comparison(shown),
        "edition": edition,
        "reporting_date": datetime.date.fromisoformat(
            edition["reporting_date"] if edition else snapshot["taken_at"][:10]
        ),
        "field_code": field_code,
        "include_unpublished": include_unpublished,
        "internal": audience == INTERNAL,
        "compact": compact,
        "logo": logo,
        # The body's accent for the cover band and headings; the report's own blue without one.
        "accent": accent if HEX_COLOUR.match(accent or "") else REPORT_ACCENT,
        "labels": labels,
        "fields": fields,
        "charts": overview,
        "measure_count": len(measures),
        "ideas": {
            "total": ideas["total"],
            "by_channel": _counted(ideas["by_channel"], labels["channel"]),
            "by_kind": _counted(ideas["by_kind"], labels["kind"]),
            "by_state": _counted(ideas["by_state"], labels["state"]),
            "by_field": _counted(ideas["by_field"], field_titles),
            "promoted": ideas["promoted"],
        },
        "changes": compare(baseline, shown) if baseline is not None else None,
        "indicators": indicator_items(shown),
        "previous_edition": previous_edition,
    }


def _addressee(shown, organisation):
    """The member's organisation data, or the root's where there are several; else None."""
    if organisation:
        return shown["member"]
    if members.several(shown):
        return next((o for o in shown["organisations"] if o["is_root"]), None)
    return None


def render_html(snapshot, **options):
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("report/report.html", report_context(snapshot, **options))


def layout_pdf(html, *, isolated=None, on_page=None):
    """Lay out the HTML as PDF, by default in a fresh process that ends afterwards.

    `on_page(n)` is called as WeasyPrint lays out page n, for a progress indicator.
    """
    isolated = settings.REPORT_RENDER_IN_SUBPROCESS if isolated is None else isolated
    base_url = str(settings.BASE_DIR)
    if not isolated:
        return Rendered(*pdf_worker.layout(html, base_url, on_page))
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        queue = manager.Queue() if on_page else None
        with ProcessPoolExecutor(1, mp_context=context, max_tasks_per_child=1) as pool:
            future = pool.submit(pdf_worker.layout_in_child, html, base_url, queue)
            while on_page and not future.done():
                try:
                    on_page(queue.get(timeout=0.5))
                except Empty:
                    continue
            return Rendered(*future.result())
