"""The dependencies the concept implies: infrastructure before the services that need it.

(prerequisite, dependant, note); references as in measures.demo_data ("<field>-<position>").
"""

from measures.dependencies.models import Dependency
from measures.dependencies.services import add_dependency

DEPENDENCIES = [
    ("4.1-2", "4.1-1", "Servicekonto, Postfach und ePayment tragen die Online-Dienste."),
    ("4.1-4", "4.1-7", "Ohne E-Akte bleibt der Medienbruch in der Sachbearbeitung."),
    ("4.1-6", "4.1-7", "Medienbruchfreie Abläufe brauchen automatisierte Schnittstellen."),
    ("4.1-1", "4.1-7", "Anträge müssen online ankommen."),
    ("4.1-1", "5.4-1", "Das Wirtschaftsportal nutzt die Portal-Infrastruktur."),
    ("4.1-1", "5.5-1", "Beteiligung läuft über die Amtsportale."),
    ("4.2-1", "5.4-2", "Co-Working braucht schnelles Internet."),
    ("4.2-1", "5.4-3", "Mobiles Arbeiten setzt Breitband voraus."),
    ("4.2-1", "5.7-1", "Videosprechstunden brauchen stabile Breitbandanschlüsse."),
    ("4.2-3", "5.3-5", "Das WLAN an touristischen Orten baut auf das öffentliche Netz auf."),
    ("4.2-3", "5.1-3", "Der Dorffunk setzt auf öffentliches WLAN in den Dörfern."),
]


def load_demo_dependencies():
    """Add the demo dependencies whose measures exist; running again adds nothing."""
    from measures.models import Measure

    references = {ref for pair in DEPENDENCIES for ref in pair[:2]}
    measures = {m.reference: m for m in Measure.objects.filter(reference__in=references)}
    existing = set(
        Dependency.objects.values_list("prerequisite__reference", "dependant__reference")
    )
    created = 0
    for before, after, note in DEPENDENCIES:
        if before in measures and after in measures and (before, after) not in existing:
            add_dependency(prerequisite=measures[before], dependant=measures[after], note=note)
            created += 1
    return created
