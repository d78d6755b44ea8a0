"""Council decisions: the edition's adoption, and decisions fetched from OParl."""

import datetime
import logging

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from agenda.council import oparl
from agenda.council.models import Decision
from measures.models import Measure

logger = logging.getLogger(__name__)

# OParl's `result` is free text; these are the words council systems use.
RESULT_WORDS = [
    ("geändert", Decision.Result.ADOPTED_AMENDED),
    ("änderung", Decision.Result.ADOPTED_AMENDED),
    ("abgelehnt", Decision.Result.REJECTED),
    ("vertagt", Decision.Result.POSTPONED),
    ("zurückgestellt", Decision.Result.POSTPONED),
    ("kenntnis", Decision.Result.NOTED),
    ("beschlossen", Decision.Result.ADOPTED),
    ("zugestimmt", Decision.Result.ADOPTED),
    ("angenommen", Decision.Result.ADOPTED),
]


def parse_result(text):
    text = (text or "").casefold()
    for word, result in RESULT_WORDS:
        if word in text:
            return result
    return Decision.Result.PENDING


def parse_date(*values):
    for value in values:
        if isinstance(value, str) and len(value) >= 10:
            try:
                return datetime.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def _text(value, limit):
    return str(value)[:limit] if isinstance(value, str | int | float) else ""


def decisions_from_paper(fetched):
    """Field values of one decision per consultation of a fetched paper (no database)."""
    paper = fetched["paper"]
    web = paper.get("web") if isinstance(paper.get("web"), str) else ""
    rows = []
    for part in fetched["consultations"]:
        consultation = part["consultation"]
        item = part["agenda_item"] or {}
        meeting = part["meeting"] or {}
        organisation = part["organization"] or {}
        body = _text(organisation.get("name") or organisation.get("shortName"), 200)
        rows.append(
            {
                "oparl_consultation_id": consultation["id"],
                "oparl_agenda_item_id": item.get("id", ""),
                "body": body or _text(meeting.get("name"), 200) or "–",
                "date": parse_date(item.get("start"), meeting.get("start"), paper.get("date")),
                "paper_reference": _text(paper.get("reference"), 100),
                "paper_title": _text(paper.get("name"), 500),
                "result": parse_result(item.get("result")),
                "resolution_text": _text(item.get("resolutionText"), 50000),
                "link": web if web.startswith(("http://", "https://")) else "",
            }
        )
    return rows


@transaction.atomic
def store_paper(*, measure, fetched, is_example=False):
    """Store a fetched paper's decisions on the measure; the same consultation again updates
    its decision, never adds a second."""
    paper_id = fetched["paper"]["id"]
    now = timezone.now()
    stored = []
    for values in decisions_from_paper(fetched):
        key = values.pop("oparl_consultation_id")
        decision, _created = Decision.objects.select_for_update().update_or_create(
            measure=measure,
            oparl_consultation_id=key,
            defaults={
                **values,
                "oparl_paper_id": paper_id,
                "fetched_at": now,
                "is_example": is_example,
            },
        )
        stored.append(decision)
    return stored


def link_paper(*, measure, paper_url, system_url=None, source=None, is_example=False):
    """Fetch a paper (outside the transaction: the network is slow) and store its decisions."""
    fetched = oparl.fetch_paper(paper_url, source=source, system_url=system_url)
    return store_paper(measure=measure, fetched=fetched, is_example=is_example)


def refresh_open_decisions():
    """Fetch again every paper with a decision not yet final; one broken paper does not stop
    the others. Returns (papers refreshed, papers failed)."""
    pairs = (
        Decision.objects.not_final()
        .from_oparl()
        .exclude(is_example=True)
        .filter(measure__isnull=False)
        .values_list("measure_id", "oparl_paper_id")
        .distinct()
    )
    done = failed = 0
    for measure_id, paper_id in sorted(set(pairs)):
        try:
            fetched = oparl.fetch_paper(paper_id)
        except oparl.OParlError as error:
            logger.warning("OParl refresh of %s failed: %s", paper_id, error)
            failed += 1
            continue
        measure = Measure.objects.filter(pk=measure_id).first()
        if measure is not None:
            store_paper(measure=measure, fetched=fetched)
            done += 1
    return done, failed


@task
def refresh_decisions_task():
    done, failed = refresh_open_decisions()
    return {"refreshed": done, "failed": failed}


@transaction.atomic
def save_adoption(*, edition, decision_body, decision_reference, decision_date, decision_result):
    """The edition's adoption as a Decision: created when first given, updated after,
    removed when all its fields are emptied."""
    adoption = edition.adoption
    if not decision_reference and not decision_date:
        if adoption is not None:
            edition.adoption = None
            edition.save(update_fields=["adoption"])
            adoption.delete()
        return None
    adoption = adoption or Decision()
    adoption.body = decision_body
    adoption.paper_reference = decision_reference or ""
    adoption.date = decision_date
    adoption.result = decision_result
    adoption.save()
    if edition.adoption_id != adoption.pk:
        edition.adoption = adoption
        edition.save(update_fields=["adoption"])
    return adoption


def adoption_info(adoption):
    """The adoption as the report's edition info (JSON-safe)."""
    if adoption is None:
        return {"decision_reference": "", "decision_date": None, "decision_body": ""}
    return {
        "decision_reference": adoption.paper_reference,
        "decision_date": adoption.date.isoformat() if adoption.date else None,
        "decision_body": adoption.body,
        "decision_result": str(adoption.get_result_display()),
        "is_adopted": adoption.is_adoption,
    }
