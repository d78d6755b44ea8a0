from django.db import transaction

from measures.models import EditConflict, Measure

__all__ = ["EditConflict", "save_measure"]


@transaction.atomic
def save_measure(*, form, formsets, expected_version=None):
    """Save a measure with its milestones, funding lines and actors as one unit.

    For an existing measure, `expected_version` is the version the editor started from.
    If the stored version has moved on, nothing is written and EditConflict is raised.
    """
    measure = form.instance
    if measure.pk:
        if expected_version is None:
            raise EditConflict(Measure.objects.get(pk=measure.pk), 0)
        # Measure.save() refuses the write if the stored version is not this one; the UPDATE
        # then holds the row's lock until commit, so the parts are saved under it too.
        measure.version = expected_version
    measure = form.save()
    for formset in formsets:
        formset.instance = measure
        formset.save()
    return measure
