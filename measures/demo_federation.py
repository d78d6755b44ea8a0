"""The demo as a federation: the Verbund of the four Ämter at the root, the Ämter below it.

The concept's measures are joint measures: the Verbund leads, all four Ämter take part and
carry equal shares of the cost and staff days. Each Amt also has a few digital projects of
its own, so that the members differ. Everything here is invented for the demo; the figures
are example values (`figures_are_examples`), like those of load_demo.
"""

from decimal import ROUND_DOWN, Decimal

from django.apps import apps
from django.conf import settings

from measures import demo_data as data
from measures.demo_data import DemoMeasure as M
from measures.models import Measure
from measures.organisations import MeasureOrganisation
from strategy.organisations.models import Organisation

ROOT = {
    "name": "Verbund der Ämter Itzehoe-Land, Krempermarsch, Schenefeld und Wilstermarsch",
    "kind": Organisation.Kind.VERBUND,
    "short_name": "Verbund der vier Ämter",
    "slug": "verbund",
    "order": 0,
}
# slug -> (name, short name, ACTORS key of the Amt)
MEMBERS = {
    "itzehoe-land": ("Amt Itzehoe-Land", "Itzehoe-Land", "itz"),
    "krempermarsch": ("Amt Krempermarsch", "Krempermarsch", "krm"),
    "schenefeld": ("Amt Schenefeld", "Schenefeld", "sch"),
    "wilstermarsch": ("Amt Wilstermarsch", "Wilstermarsch", "wil"),
}
OWN_DESCRIPTION = "Eigenes Digitalisierungsprojekt: {name} (Beispiel für die Demo)."

# slug -> (reference prefix, [(field code, measure)]); references are "<prefix>-<n>".
OWN_MEASURES = {
    "itzehoe-land": ("ITZ", [
        ("4.1", M("Online-Terminvergabe im Bürgerbüro Itzehoe-Land",
                  "Termine im Bürgerbüro online buchen statt telefonisch vereinbaren.", (1,),
                  (2, 3), "in_progress", 1, 3, "Standardmodul des Fachverfahrens.", "itz",
                  {"itz": "Führt die Terminvergabe im eigenen Bürgerbüro ein."})),
        ("5.5", M("Digitale Vereinsplattform für die Gemeinden im Amt Itzehoe-Land",
                  "Vereine der Amtsgemeinden stellen Termine und Angebote an einer Stelle ein.",
                  (1,), (1,), "planned", 2, 2, "Abhängig von der Mitwirkung der Vereine.", "itz",
                  {"itz": "Betreibt die Plattform.", "ver": "Pflegen ihre Angebote selbst."})),
    ]),
    "krempermarsch": ("KRM", [
        ("4.1", M("Digitaler Posteingang im Amt Krempermarsch",
                  "Papierpost wird eingescannt und elektronisch an die Fachbereiche verteilt.",
                  (2,), (2, 6), "in_progress", 1, 2,
                  "Setzt die gemeinsame E-Akte voraus; Scanstelle ist vorhanden.", "krm",
                  {"krm": "Richtet die Scanstelle ein und schult die Mitarbeitenden."})),
        ("4.2", M("WLAN in den Dorfgemeinschaftshäusern des Amtes Krempermarsch",
                  "Öffentliches WLAN in den Dorfgemeinschaftshäusern der Amtsgemeinden.", (1,),
                  (1, 3), "completed", 2, 3, "Mit Landesförderung umgesetzt.", "krm",
                  {"krm": "Beschafft und betreibt die Zugangspunkte.",
                   "gem": "Stellen die Räume bereit."})),
        ("5.6", M("Mitfahrbänke mit digitaler Anzeige in der Krempermarsch",
                  "Mitfahrbänke zeigen online, wer wann in welche Richtung fahren möchte.", (1,),
                  (1,), "idea", 3, 0, "Erst prüfen, ob es genug Mitfahrende gibt.", "krm",
                  {"krm": "Prüft Standorte und Bedarf."})),
    ]),
    "schenefeld": ("SCH", [
        ("4.1", M("Elektronische Bauakte im Amt Schenefeld",
                  "Bauanträge werden vollständig digital bearbeitet und archiviert.", (2,),
                  (2, 6), "in_progress", 1, 2,
                  "Schnittstelle zum Kreisbauamt muss abgestimmt werden.", "sch",
                  {"sch": "Digitalisiert den Altbestand der Bauakten."})),
        ("5.2", M("Tablets für die Grundschulen im Amt Schenefeld",
                  "Klassensätze von Tablets mit zentraler Geräteverwaltung.", (1,), (1, 4),
                  "planned", 2, 2, "Förderung über den DigitalPakt vorgesehen.", "sch",
                  {"sch": "Beschafft die Geräte als Schulträger.",
                   "vhs": "Bietet Fortbildungen für Lehrkräfte an."})),
    ]),
    "wilstermarsch": ("WIL", [
        ("4.1", M("Digitale Sitzungsdienst-App im Amt Wilstermarsch",
                  "Gemeindevertretungen erhalten Vorlagen und Protokolle in einer App.", (1,),
                  (2, 6), "in_progress", 1, 3,
                  "Erweiterung des vorhandenen Ratsinformationssystems.", "wil",
                  {"wil": "Führt die App in allen Gemeindevertretungen ein."})),
        ("4.1", M("Online-Antrag auf Hundesteuer im Amt Wilstermarsch",
                  "Hunde online an- und abmelden, mit Bescheid ins Postfach.", (1,), (2,),
                  "completed", 2, 3, "Einer-für-Alle-Dienst des Landes.", "wil",
                  {"wil": "Bindet den Dienst an das eigene Steuerverfahren an."})),
        ("5.6", M("Ladesäulenkarte für die Wilstermarsch",
                  "Eine Karte aller öffentlichen Ladesäulen mit ihrem aktuellen Zustand.", (1,),
                  (1, 3), "planned", 3, 2, "Abhängig von den Daten der Betreiber.", "wil",
                  {"wil": "Sammelt die Daten.", "mob": "Liefern den Zustand der Ladesäulen."})),
    ]),
}


def own_measure_count():
    return sum(len(rows) for _prefix, rows in OWN_MEASURES.values())


def load_organisations(loader):
    """The tree; the site profile names the root. Returns (root, {slug: member})."""
    existing = Organisation.objects.root()
    # A root made by the migration (named after the site) becomes the demo's Verbund.
    if existing is None:
        values = {k: v for k, v in ROOT.items() if k != "slug"}
        root, _ = loader.upsert("organisations", Organisation, {"slug": ROOT["slug"]}, values)
    else:
        root, _ = loader.upsert("organisations", Organisation, {"pk": existing.pk}, ROOT)
    members = {}
    for order, (slug, (name, short_name, _actor)) in enumerate(MEMBERS.items(), start=1):
        members[slug], _ = loader.upsert(
            "organisations",
            Organisation,
            {"slug": slug},
            {
                "name": name,
                "short_name": short_name,
                "kind": Organisation.Kind.AMT,
                "parent": root,
                "order": order,
            },
        )
    # The site profile lives in a higher layer.
    site_profile = apps.get_model("agenda", "SiteProfile")
    profile = site_profile.objects.order_by("pk").first()
    if profile is None:
        site_profile.objects.create(name=settings.AGENDA_ORGANISATION, root=root)
    elif profile.root_id != root.pk:
        profile.root = root
        profile.save(update_fields=["root"])
    return root, members


def load_shares(loader, members):
    """Every measure the root leads is a joint one: each Amt carries an equal share."""
    quarter = Decimal(len(members))

    def share(value, places):
        # Rounded down: the shares never add up to more than the measure's own figure.
        return (value / quarter).quantize(Decimal(places), rounding=ROUND_DOWN)

    references = [
        f"{code}-{n}" for code, rows in data.MEASURES.items() for n in range(1, len(rows) + 1)
    ]
    for measure in Measure.objects.filter(reference__in=references):
        for member in members.values():
            loader.upsert(
                "organisation_shares",
                MeasureOrganisation,
                {"measure": measure, "organisation": member},
                {
                    "share_one_off_cost": share(measure.one_off_cost, "1.00"),
                    "share_external_cost": share(measure.external_cost, "1.00"),
                    "share_staff_days": share(measure.staff_days, "0.1"),
                },
            )


def load_own_measures(loader, members, first_index):
    index = first_index
    for slug, (prefix, rows) in OWN_MEASURES.items():
        member = members[slug]
        for n, (code, demo) in enumerate(rows, start=1):
            loader.load_measure(
                index,
                code,
                f"{prefix}-{n}",
                demo,
                lead=member,
                description=OWN_DESCRIPTION.format(name=member.name),
            )
            index += 1
