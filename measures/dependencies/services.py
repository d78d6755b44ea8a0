from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext

from measures.dependencies.models import Dependency, cycle_error
from measures.models import Measure


@transaction.atomic
def add_dependency(*, prerequisite, dependant, note="", kind=Dependency.Kind.FINISH_TO_START):
    """Record that `dependant` needs `prerequisite` first; ValidationError on a cycle.

    Both measures and every measure the cycle check walks through are locked (FOR UPDATE on
    PostgreSQL), so two staff linking at once cannot close a cycle between their checks.
    """
    _serialise_dependency_writes()
    ids = sorted({prerequisite.pk, dependant.pk})
    list(Measure.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
    error = cycle_error(prerequisite=prerequisite, dependant=dependant, lock=True)
    if error is not None:
        raise error
    if Dependency.objects.filter(prerequisite=prerequisite, dependant=dependant).exists():
        raise ValidationError(
            {
                "prerequisite": gettext("This measure already depends on %(measure)s.")
                % {"measure": prerequisite.reference}
            },
            code="unique",
        )
    return Dependency.objects.create(
        prerequisite=prerequisite, dependant=dependant, note=note, kind=kind
    )


# Any number, the same for every writer: links are added rarely, so one at a time is cheap.
DEPENDENCY_LOCK = 4_242_001


def _serialise_dependency_writes():
    """Two walks that lock measures in different orders could deadlock; one transaction-wide
    advisory lock lets only one link be added at a time. SQLite serialises writes anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [DEPENDENCY_LOCK])


@transaction.atomic
def remove_dependency(*, dependency):
    dependency.delete()
