"""The change history of a measure and its parts, read from django-simple-history.

Diffs are computed in Python from consecutive records, so the whole history costs a fixed
number of queries: one per historical table plus one per kind of referenced object.
"""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _

from measures.models import FundingLine, Measure, MeasureActor, Milestone, ProgressReport
from strategy.bidi import isolate_text
from strategy.models import Goal, GuidingPrinciple

SKIP = {
    "id",
    "measure",
    "created_at",
    "version",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
}
PARTS = [Milestone, FundingLine, MeasureActor, ProgressReport]
CREATION_WINDOW = datetime.timedelta(seconds=5)
SUBJECT = {Milestone: "title", FundingLine: "source", MeasureActor: "actor", ProgressReport: "date"}
M2M = {
    "goals": ("historicalmeasure_goals", "goal_id", Goal),
    "principles": ("historicalmeasure_principles", "guidingprinciple_id", GuidingPrinciple),
}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    date: object
    user: object
    action: str
    subject: str
    changes: list = field(default_factory=list)
    reason: str = ""


def _tracked_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in SKIP and f.name in {g.name for g in model.history.model._meta.fields}
    ]


class _Display:
    """Turns stored values into readable text, loading referenced objects in bulk."""

    def __init__(self, records_by_model):
        wanted = {}
        for model, records in records_by_model.items():
            for f in _tracked_fields(model):
                if f.is_relation:
                    ids = {getattr(r, f.attname) for r in records} - {None}
                    wanted.setdefault(f.related_model, set()).update(ids)
        self.objects = {
            related: related._default_manager.in_bulk(ids) for related, ids in wanted.items() if ids
        }

    def __call__(self, f, value):
        if value is None or value == "":
            return "–"
        if f.is_relation:
            obj = self.objects.get(f.related_model, {}).get(value)
            if obj is None:
                return "–"
            return (
                (obj.get_full_name() or obj.get_username())
                if hasattr(obj, "get_username")
                else str(obj)
            )
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(f, models.BooleanField):
            return _("yes") if value else _("no")
        return str(formats.localize(value, use_l10n=True))


def _m2m_sets(records):
    """Per historical measure record, the frozen sets of goal and principle ids."""
    sets = {}
    for name, (accessor, attname, _model) in M2M.items():
        through = Measure.history.model._meta.get_field(accessor).related_model
        rows = through.objects.filter(history__in=[r.pk for r in records]).values_list(
            "history_id", attname
        )
        for history_id, value in rows:
            sets.setdefault(history_id, {}).setdefault(name, set()).add(value)
    return sets


def _subject(model, record, display):
    if model is Measure:
        return _("Measure")
    named_by = model._meta.get_field(SUBJECT[model])
    name = display(named_by, getattr(record, named_by.attname))
    return _("%(kind)s “%(name)s”") % {
        "kind": model._meta.verbose_name,
        "name": isolate_text(name),
    }


def _m2m_changes(before, record, m2m, names):
    changes = []
    for name in M2M:
        old = m2m.get(before.pk, {}).get(name, set())
        new = m2m.get(record.pk, {}).get(name, set())
        if old != new:
            label = str(Measure._meta.get_field(name).verbose_name)
            changes.append(Change(label, names(name, old), names(name, new)))
    return changes


def _m2m_namer(m2m):
    """Names of the goals and principles in `m2m`, loaded with one query per kind."""
    wanted = {name: set() for name in M2M}
    for per_record in m2m.values():
        for name, ids in per_record.items():
            wanted[name] |= ids
    objects = {name: M2M[name][2].objects.in_bulk(ids) for name, ids in wanted.items() if ids}

    def names(name, ids):
        found = objects.get(name, {})
        return ", ".join(sorted(str(found[i]) for i in ids if i in found)) or "–"

    return names


def _part_of_creation(created, record):
    return (
        created is not None
        and created.history_user_id == record.history_user_id
        and record.history_date - created.history_date < CREATION_WINDOW
    )


def _diff(model, records, display, m2m=None):
    entries, previous, created = [], {}, {}
    fields = _tracked_fields(model)
    names = _m2m_namer(m2m) if m2m is not None else None
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        if record.history_type == "+":
            created[record.id] = record
        entry = Entry(
            record.history_date,
            record.history_user,
            record.history_type,
            _subject(model, record, display),
            reason=record.history_change_reason or "",
        )
        if record.history_type == "~" and before is not None:
            for f in fields:
                old, new = getattr(before, f.attname), getattr(record, f.attname)
                if old != new:
                    entry.changes.append(
                        Change(str(f.verbose_name), display(f, old), display(f, new))
                    )
            # Goals and principles set right after creation belong to the creation.
            if m2m is not None and not (
                not entry.changes and _part_of_creation(created.get(record.id), record)
            ):
                entry.changes += _m2m_changes(before, record, m2m, names)
            if not entry.changes:
                continue
        entries.append(entry)
    return entries


def measure_history(measure, since=None, limit=100):
    """Entries (newest first) of what happened to `measure` and its parts."""
    records_by_model = {}
    for model in [Measure, *PARTS]:
        qs = model.history.select_related("history_user").order_by("history_date", "history_id")
        qs = qs.filter(id=measure.pk) if model is Measure else qs.filter(measure_id=measure.pk)
        records_by_model[model] = list(qs)
    display = _Display(records_by_model)
    entries = []
    for model, records in records_by_model.items():
        m2m = _m2m_sets(records) if model is Measure else None
        entries += _diff(model, records, display, m2m)
    if since is not None:
        entries = [e for e in entries if e.date >= since]
    entries.sort(key=lambda e: e.date, reverse=True)
    return entries[:limit]


def changes_since(measure, version):
    """What was saved on `measure` after the editor loaded `version`."""
    first_newer = (
        Measure.history.filter(id=measure.pk, version__gt=version).order_by("history_date").first()
    )
    if first_newer is None:
        return []
    return measure_history(measure, since=first_newer.history_date)
