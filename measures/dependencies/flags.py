"""The dependency flag ("Abhängigkeit gefährdet"), computed in the database like the light.

A measure is flagged when one of its prerequisites, not completed, is delayed (its light is
Verzögert or its target date has passed) or is due to end after the measure's planned start.
The prerequisite's light is taken one level deep: its own light without its own dependency
clause, so the expression does not nest without end.
"""

from django.apps import apps
from django.db.models import Exists, OuterRef, Q

from strategy.lights import Light


def troubled_prerequisites(today, prerequisite_light, outer="pk"):
    """The prerequisites of the outer measure that put it at risk, as a queryset.

    `prerequisite_light` is the light expression of a prerequisite row (measures.lights
    passes its light without the dependency clause)."""
    Measure = apps.get_model("measures", "Measure")
    return (
        Measure.objects.filter(dependant_links__dependant=OuterRef(outer))
        .exclude(status=Measure.Status.COMPLETED)
        .alias(prerequisite_light=prerequisite_light)
        .exclude(prerequisite_light=Light.DONE.value)
        .filter(
            Q(prerequisite_light=Light.DELAYED.value)
            | Q(planned_end__lt=today)
            | Q(planned_end__gt=OuterRef("planned_start"))
        )
    )


def dependency_at_risk(today, prerequisite_light):
    return Exists(troubled_prerequisites(today, prerequisite_light))
