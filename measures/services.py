from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from measures.models import Measure


class EditConflict(Exception):
    """Someone saved the measure after the editor opened it."""

    def __init__(self, measure, since_version):
        self.measure = measure
        self.since_version = since_version
        super().__init__(
            _("“%(measure)s” was changed by someone else while you were editing it.")
            % {"measure": measure}
        )


@transaction.atomic
def save_measure(*, form, formsets, expected_version=None):
    """Save a measure with its milestones, funding lines and actors as one unit.

    For an existing measure, `expected_version` is the version the editor started from.
    If the stored version has moved on, nothing is written and EditConflict is raised.
    """
    measure = form.instance
    if measure.pk:
        # A conditional UPDATE both checks the version and locks the row until commit.
        locked = Measure.objects.filter(pk=measure.pk, version=expected_version).update(
            version=F("version")
        )
        if not locked:
            raise EditConflict(Measure.objects.get(pk=measure.pk), expected_version)
        measure.version = expected_version  # save() moves it on by one
    measure = form.save()
    for formset in formsets:
        formset.instance = measure
        formset.save()
    return measure
