"""Council decisions in the frozen snapshot (agenda/report/snapshot.py) and exports."""

from django.db.models import Prefetch

from agenda.council.models import Decision


def decisions_prefetch():
    """For a Measure queryset: its decisions in one query, whatever the number of measures."""
    return Prefetch("decisions", queryset=Decision.objects.order_by("date", "id"))


def measure_decisions(measure):
    """A measure's decisions as JSON-safe dicts (from the prefetched `decisions`)."""
    return [
        {
            "body": d.body,
            "date": d.date.isoformat() if d.date else None,
            "paper_reference": d.paper_reference,
            "paper_title": d.paper_title,
            "result": d.result,
            "resolution_text": d.resolution_text,
            "link": d.link,
            "is_example": d.is_example,
        }
        for d in measure.decisions.all()
    ]


def decisions_text(measure):
    """One cell of an export: "Kreistag 12.03.2026 DS/2026/011: adopted; …"."""
    parts = []
    for d in measure.decisions.all():
        day = f" {d.date:%d.%m.%Y}" if d.date else ""
        reference = f" {d.paper_reference}" if d.paper_reference else ""
        parts.append(f"{d.body}{day}{reference}: {d.get_result_display()}")
    return "; ".join(parts)
