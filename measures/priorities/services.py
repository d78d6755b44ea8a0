"""Writes of the prioritisation: setting a measure's priority from its score."""

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


@transaction.atomic
def save_scores(*, measure, forms, user):
    """Store the values of valid score forms (ScoreForm); an empty value removes the score."""
    from measures.priorities.models import Score

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
