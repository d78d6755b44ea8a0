"""The suggested criteria of issue 13, created whenever the criteria table is empty.

They are made after every `migrate` (post_migrate), not in a data migration, so a fresh
installation has them and so does a test database that a transactional test has flushed.
The criteria page changes them afterwards; nothing here overwrites a changed criterion.
"""

# name, source, scale, inverted, weight, portfolio axis
DEFAULTS = [
    ("Wirkung auf die Ziele", "manual", "0-3", False, 3, "impact"),
    ("Dringlichkeit", "manual", "0-3", False, 2, ""),
    ("Aufwand", "manual", "0-3", True, 2, "effort"),
    ("Machbarkeit", "feasibility", "0-3", False, 2, ""),
    ("Förderchance", "manual", "0-3", False, 1, ""),
    ("Nachfrage aus der Bürgerschaft", "citizen_demand", "0-3", False, 1, ""),
]


def ensure_default_criteria(using="default", **kwargs):
    from measures.priorities.models import Criterion

    if Criterion.objects.using(using).exists():
        return
    Criterion.objects.using(using).bulk_create(
        Criterion(
            name=name,
            source=source,
            scale=scale,
            inverted=inverted,
            weight=weight,
            axis=axis,
            order=order,
        )
        for order, (name, source, scale, inverted, weight, axis) in enumerate(DEFAULTS, 1)
    )
