"""Writes of the prioritisation: setting a measure's priority from its score."""

import hashlib
import json

from django.db import transaction

from measures.models import EditConflict, Measure
from measures.priorities.ranking import priority_for, with_priority


@transaction.atomic
def set_priority_from_score(*, measures, expected_versions=None):
    """Set Measure.priority from the priority score (thresholds in ranking.py) for `measures`
    (a queryset). Measures without a score keep theirs. `expected_versions` (pk -> version)
    refuses with EditConflict where a colleague saved meanwhile. Returns the changed measures.
    """
    changed = []
    for measure in with_priority(measures.select_for_update().order_by("pk")):
        expected = (expected_versions or {}).get(measure.pk)
        if expected is not None and expected != measure.version:
            raise EditConflict(measure, expected)
        new = priority_for(measure.priority_score)
        if new is None or new == measure.priority:
            continue
        measure.priority = new
        # save() bumps the version and refuses if the row moved on since it was read.
        Measure.save(measure, update_fields=["priority"])
        changed.append(measure)
    return changed


def digest(rows):
    """A short fingerprint of stored values. A page carries the one it was loaded with, and a
    save is refused when the stored rows no longer match it: a colleague saved meanwhile."""
    text = json.dumps(list(rows), default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def scores_digest(measure):
    from measures.priorities.models import Score

    rows = Score.objects.filter(measure=measure).order_by("criterion_id")
    return digest(rows.values_list("criterion_id", "value", "reason"))


def criteria_digest(*, lock=False):
    from measures.priorities.models import Criterion

    rows = Criterion.objects.order_by("pk")
    if lock:
        rows = rows.select_for_update()
    return digest(rows.values_list("pk", "name", "weight", "scale", "inverted"))


@transaction.atomic
def save_scores(*, measure, forms, user, loaded=None):
    """Store the values of valid score forms (ScoreForm); an empty value removes the score.

    `loaded` is scores_digest() of the scores the form was filled from: if the stored scores
    differ now, nothing is written and EditConflict is raised.
    """
    from measures.priorities.models import Score

    # The measure's row is the lock for its scores: two saves of them take turns.
    list(Measure.objects.select_for_update().filter(pk=measure.pk).values_list("pk"))
    if loaded is not None and loaded != scores_digest(measure):
        raise EditConflict(measure, measure.version)
    for form in forms:
        value = form.cleaned_data.get("value")
        if value is None:
            Score.objects.filter(measure=measure, criterion=form.criterion).delete()
            continue
        Score.objects.update_or_create(
            measure=measure,
            criterion=form.criterion,
            defaults={
                "value": value,
                "reason": form.cleaned_data.get("reason", "").strip(),
                "scored_by": user,
            },
        )


def publish_scores(*, measure, publish):
    """Show (or stop showing) the measure's scores with the answer to its ideas."""
    from measures.priorities.models import PriorityPublication

    if publish:
        PriorityPublication.objects.get_or_create(measure=measure)
    else:
        PriorityPublication.objects.filter(measure=measure).delete()
