"""Example scores for the demo agenda's measures (issue 13, 5b): placeholders, not ratings.

Values are derived from each measure's reference, so every run gives the same picture with
some spread across the portfolio chart; each reason says it is an example value.
"""

import zlib

from measures.models import Measure
from measures.priorities.models import Criterion, Score

EXAMPLE_REASON = "Beispielwert (Demo), keine echte Bewertung."


def load_demo_scores():
    """Give every measure an example value on every manual criterion; returns how many."""
    criteria = list(Criterion.objects.filter(source=Criterion.Source.MANUAL))
    count = 0
    for measure in Measure.objects.only("pk", "reference"):
        for criterion in criteria:
            low, high = criterion.bounds
            seed = zlib.crc32(f"{measure.reference}/{criterion.name}".encode())
            Score.objects.update_or_create(
                measure=measure,
                criterion=criterion,
                defaults={"value": low + seed % (high - low + 1), "reason": EXAMPLE_REASON},
            )
            count += 1
    return count
