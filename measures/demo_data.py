"""Demo agenda from the Digitalisierungskonzept of the Ämter Itzehoe-Land, Krempermarsch,
Schenefeld and Wilstermarsch (Dataport, 28.09.2021). Principles, fields, goals and measure bullets
are verbatim; responsible units, actors, status, priority, feasibility and programmes are invented
demo content. Effort, cost, funding and dates come from fixed patterns in the load_demo command.
"""

import re
from dataclasses import dataclass, field

SOURCE = "Digitalisierungskonzept der vier Ämter (Dataport, 28.09.2021)"


def _paragraphs(block):
    """Undo the line wrapping of a text block; blank lines separate paragraphs."""
    return "\n\n".join(" ".join(p.split()) for p in block.strip().split("\n\n"))


# The six guiding principles in document order: first line the title, then the text.
_PRINCIPLES = """
Wir gestalten Digitalisierung gemeinsam.
Wir erarbeiten unsere digitale Agenda in enger interkommunaler Zusammenarbeit. Wir koordinieren so
unsere Zielsetzungen und schöpfen Synergien und Mehrwert aus vorliegenden Erfahrungen über
Amtsgrenzen hinweg. Wir sind offen für eine Zusammenarbeit über die vier kooperierenden Ämter
hinaus und setzen entsprechende Impulse. Es gilt der Grundsatz: „So viel gemeinsam wie möglich, so
individuell wie nötig“.

Wir machen unsere Verwaltung modern, effizient und zukunftssicher.
Wir stellen uns den Anforderungen an eine digitale Gesellschaft. Wir nutzen die Möglichkeiten der
Digitalisierung und machen unsere Verwaltung zukunftsfähig. Für unsere Bürgerinnen und Bürger
bedeutet dies einen umfassenden Zugang zu Verwaltungsleistungen, schnelle, effiziente
Verwaltungsprozesse sowie jederzeitige Rechts- und Datensicherheit. Der persönliche Kontakt zu
allen soll erhalten bleiben. Mit dem Blick nach innen schaffen wir attraktive, moderne und
zukunftssichere Arbeitsplätze.

Wir stellen die Menschen in den Mittelpunkt unseres Handelns.
Die Digitalisierung schafft für alle Bürgerinnen und Bürger, Vereine, Verbände, Unternehmen und
Gäste in unseren Ämtern einen Mehrwert. Unsere Ziele und digitalen Lösungen orientieren sich
deshalb immer am tatsächlichen Bedarf der Menschen und Unternehmen vor Ort. Deren kontinuierliche
Einbeziehung ist Voraussetzung für die Entwicklung passender Angebote.

Wir machen Digitalisierung für alle.
Die Rahmenbedingungen in unseren Ämtern sind attraktiv für verschiedene Lebensmodelle und fördern
die Gleichstellung. Menschen und ihre Bedürfnisse sind verschieden – die digitalen Angebote richten
sich an alle Alters- und Bevölkerungsgruppen. Unser Verständnis von Nutzungsfreundlichkeit
berücksichtigt daher Diversität und gestaltet sich inklusiv sowie barrierefrei.

Wir fördern Gemeinschaft durch digitale Angebote.
Mit der Digitalisierung haben wir nicht nur die Verwaltung im Blick sondern ganz besonders das
alltägliche Leben der Menschen vor Ort. Wir gestalten unsere Amtsbereiche aktiv und nachhaltig
durch Angebote der digitalen Daseinsvorsorge. So verknüpfen wir die Gemeinschaft noch besser und
bleiben für alle Einwohnenden eine attraktive und lebenswerte Region.

Wir nutzen bestehende Lösungen.
Wenn für unsere Herausforderungen bereits geeignete Lösungen existieren, werden vorzugsweise diese
genutzt. Wir achten wo immer möglich auf die Übertragbarkeit technischer Lösungen (z.B.
Open-Source)
"""

PRINCIPLES = [
    (block.split("\n", 1)[0], _paragraphs(block.split("\n", 1)[1]))
    for block in _PRINCIPLES.strip().split("\n\n")
]

# The "Ausgangslage" of each action field, up to "Als Ziele wurden identifiziert".
_SITUATIONS = """
[4.1]
Die Amtsverwaltungen sind unterschiedlich gut für die Digitalisierung aufgestellt. Das betrifft
beispielsweise den Web-Auftritt, die Einführung von eAkte und eRechnung und die Optimierung
interner Prozesse. Wir haben jedoch gemeinsame Herausforderungen identifiziert, von denen sich auch
eine gemeinsame Zielstellung ableiten lässt.

[4.2]
Die Anforderungen an die IT-Infrastruktur ändern sich mit dem fortschreitenden digitalen Wandel
laufend. Mit der Übergabe des IT-Betriebs an externe Dienstleister sorgen wir bereits dafür, dass
wir unkompliziert diesen Anforderungen nachkommen können und unsere Infrastruktur eine moderne,
zukunftsfähige Basis für eine erfolgreiche Digitalisierung darstellt. Unser gemeinsames IT Konzept,
das wir fortschreiben, und die Zusammenarbeit in diesem Handlungsfeld sind für uns eine gute
Ausgangslage.

Herausforderungen sehen wir in der Versorgung unserer Bürgerinnen und Bürger sowie Unternehmen, die
bei der Nutzung digitaler Angebote auf eine zuverlässige Infrastruktur angewiesen sind, die einen
schnellen und sicheren Datenaustausch ermöglicht.

[5.1]
Soziale Kontakte und ein funktionierendes Miteinander sind essenzielle Bausteine für ein
zufriedenes Leben in einer gesunden Gesellschaft. Digitale Lösungen können dabei unterstützen,
Menschen zu vernetzen und generationsübergreifende Kontakte zu ermöglichen oder verbessern. Wir
möchten mit der Stärkung der digitalen Kompetenz von Seniorinnen und Senioren die Nutzung von
Angeboten besonders dieser Altersgruppe fördern. Auch das Ehrenamt soll durch digitale Lösungen
unterstützt werden.

[5.2]
Gute Bildung ist die Grundlage für eine prosperierende Gesellschaft. Sie nimmt direkten Einfluss
auf den sozio-ökonomischen Status eines jeden Menschen. Bildung umfasst alle Altersstufen und
Lebensphasen: von der frühkindlichen Bildung über Schulzeit und Berufsausbildung bis zum
lebenslangen Lernen als Erwachsene. Dabei kann Bildung formell oder informell jederzeit passieren,
sofern sie einen Ort hat. Dieser Ort kann auch digital sein.

[5.3]
Die Gestaltung von Freizeit mit Angeboten aus den Bereichen Sport und Kultur und durch die Nutzung
des öffentlichen Raums sind ein wichtiger Faktor für die Erholung im Leben aller Menschen. Gerade
im ländlichen Bereich ist es eine Herausforderung, den Bedürfnissen aller Zielgruppen und
Altersklassen zu begegnen. Mit dem Familienfluss Wilsterau, der Stör, der Elbe, den schönen
Radstrecken und den verschiedenen Wander-Möglichkeiten sind wir eine attraktive Touristen-Region.
Digitale Lösungen können die Qualität der Angebote unterstützen und verbessern. Das steigert die
Bekanntheit und – langfristig – die Wirtschaftskraft.

[5.4]
Eine lokale Wirtschaft, die auch überregional gut vernetzt ist, ist eine essentielle Grundlage
dafür, dass den wirtschaftlichen Akteuren ein langfristiges Überleben gesichert ist. Dabei bietet
die Digitalisierung große Chancen, das Leben und Arbeiten in ländlichen Gebieten attraktiv zu
machen und zu halten. Die Vernetzung der Unternehmen zählen ebenso dazu, wie die Digitalisierung
von Prozessen und ortsunabhängiges Arbeiten für die Mitarbeiterinnen und Mitarbeitern der
Unternehmen.

[5.5]
Beteiligung und auch Teilhabe sind wichtig für eine sich stetig entwickelnde Gesellschaft. Für uns
bedeuten sie ein funktionierendes Miteinander, dessen Voraussetzung insbesondere der Austausch ist.
Die Ausgestaltung des Zusammenlebens kann durch digitale Lösungen viel gewinnen. Besonders
situative, auch non-politische Beteiligungsformate und die Stellung des Ehrenamts erfahren über die
Möglichkeiten von digitalen Lösungen einen Bedeutungswandel.

[5.6]
Mobilität spielt in ländlichen Regionen eine wichtige Rolle. Die Förderung von Alternativen zur
Kfz-Nutzung ist auch für uns eine große Herausforderung aber auch ein Ziel, um langfristig durch
eine steigende Nachfrage auch das Angebot ausbauen zu können. Zusätzlich müssen wir die
Infrastruktur für neue Mobilitätsformen schaffen. Eine weitere Komponente des Handlungsfeldes sind
smarte Lösungen im Bereich Verkehr, die für uns zur Reduktion des Wartungsaufwands und der
besseren, bedarfsgerechten Verkehrssteuerung relevant sind.

[5.7]
Insbesondere für eine Gesellschaft, die sich den aktuellen gesundheitlichen Herausforderungen
gegenüber sieht und einen demografischen Wandel durchlebt, ist das Thema Gesundheitsvorsorge sehr
wichtig. Vor allem im ländlichen Raum muss dieses Thema eine starke Säule sein. Wir möchten den
Anforderungen und Bedürfnissen der Menschen gerecht werden und zugleich den aktuellen digitalen
Wandel des Gesundheitswesens im Blick haben, um mit der Zeit zu gehen.
"""

_parts = re.split(r"^\[([\d.]+)\]$", _SITUATIONS, flags=re.M)
SITUATIONS = {
    code: _paragraphs(text) for code, text in zip(_parts[1::2], _parts[2::2], strict=True)
}

# code -> (title, perspective, goals); perspective is an ActionField.Perspective value.
FIELDS = {
    "4.1": ("Digitale Verwaltung", "internal", [
        "Unsere digitalen Angebote können jederzeit über unsere Websites genutzt werden – ohne "
        "Öffnungs- oder Wartezeiten. Wir bieten einfache, nutzerorientierte Dienste an, die den "
        "Standards an Sicherheit und Barrierefreiheit entsprechen.",
        "Verwaltungsvorgänge werden dank Schnittstellen und einem hohen Grad an Automatisierung "
        "medienbruchfrei und vollständig digital abgewickelt.",
        "Die Verwaltung agiert effizient und schnell dank digitaler Prozesse, kompetenter "
        "Mitarbeiterinnen und Mitarbeiter sowie moderner Arbeitsorganisation.",
    ]),
    "4.2": ("Digitale Infrastruktur", "internal", [
        "Weiterhin sicheren IT Betrieb garantieren",
        "Flächendeckende Mobilfunkversorgung ausbauen",
        "Aufenthaltsqualität durch öffentlichen Internetzugang steigern",
    ]),
    "5.1": ("Wohnen und Nachbarschaft", "external", [
        "Gesamtgesellschaftlich digitale Kompetenzen stärken",
        "Das Ehrenamt stärken",
        "Den Menschen durch zielgruppengerechte Angebote das Leben vereinfachen und sie "
        "langfristig halten",
    ]),
    "5.2": ("Bildung", "external", [
        "Digitalisierung von Bildungsangeboten",
        "Digitale Vernetzung von Bildungsangeboten",
        "Überregionale Vernetzung von Bildungseinrichtungen und Bildungsangeboten",
    ]),
    "5.3": ("Kultur und Freizeit", "external", [
        "Vernetzung der touristischen Angebote zur allgemeinen Stärkung des Tourismus",
        "Heimat für Einwohnende erlebbar machen",
    ]),
    "5.4": ("Wirtschaft und Arbeit", "external", [
        "Wirtschaftsakteure vernetzen",
        "Regionale Produkte regional und überregional stärken",
        "Für die Zukunft von Arbeit und Wirtschaft aufgestellt sein",
    ]),
    "5.5": ("Gesellschaftliches Engagement", "external", [
        "Vernetzung der Einwohnenden",
        "Beteiligungsformate testen",
        "Beteiligung durch digitale Lösungen niedrighschwellig gestalten",  # sic
    ]),
    "5.6": ("Verkehr und Mobilität", "external", [
        "Vernetzung von Mobilitätsangeboten",
        "Förderung von alternativer Mobilität",
        "Schaffung der Voraussetzungen für neue Mobilitätsangebote",
    ]),
    "5.7": ("Gesundheit", "external", [
        "Stärkung der ärztlichen Versorgung durch digitale Angebote",
        # The document has no section 5.1.3; the goal is kept as written.
        "Stärkung der Gesundheitsvorsorge auch durch die Maßnahmen unter 5.1.3",
        "Vernetzung Gesundheit und Tourismus: Gesundheitstourismus („Halten Sie sich fit auf "
        "unseren Radwegen, Spiel- und Bewegungsrouten!“)",
    ]),
}

# key -> (name, Actor.Kind value)
ACTORS = {
    "itz": ("Amt Itzehoe-Land", "administration"),
    "krm": ("Amt Krempermarsch", "administration"),
    "sch": ("Amt Schenefeld", "administration"),
    "wil": ("Amt Wilstermarsch", "administration"),
    "dbb": ("Digitalisierungsbeauftragte*r der 4 Ämter", "administration"),
    "dp": ("Dataport / dataport.kommunal", "business"),
    "land": ("Land Schleswig-Holstein", "other"),
    "bzv": ("Breitbandzweckverband", "other"),
    "vhs": ("Volkshochschule", "education"),
    "ver": ("Ehrenamtliche Vereine und Verbände", "association"),
    "gem": ("Gemeinden der Ämter", "municipality"),
    "wir": ("Lokale Wirtschaft / Gewerbeverein", "business"),
    "ges": ("Hausarztpraxen und Gesundheitsdienste der Region", "other"),
    "tou": ("Touristische Leistungsträger und Tourismusverein", "association"),
    "mob": ("Verkehrsunternehmen und Mobilitätsanbieter", "business"),
}

# key -> (name, level, funding rate in %, application deadline in days from today or None).
PROGRAMMES = {
    "modell": ("Förderprogramm Digitale Modellregionen (Bund, Beispiel)", "federal", "70", 35),
    "land": ("Landesprogramm Digitalisierung Schleswig-Holstein (Beispiel)", "state", "50", 21),
    "breitband": ("Breitbandförderung Bund (Beispiel)", "federal", "50", 150),
    "leader": ("LEADER / ELER (EU, Beispiel)", "eu", "60", 50),
    "staedtebau": ("Städtebauförderung (Beispiel)", "state", "66.67", 240),
    "lade": ("Förderrichtlinie Ladeinfrastruktur (Bund, Beispiel)", "federal", "40", None),
}
PROGRAMME_NOTE = "Beispielwert"


@dataclass(frozen=True)
class DemoMeasure:
    title: str
    summary: str  # the bullet text from the document
    goals: tuple
    principles: tuple
    status: str
    priority: int  # 1 high, 2 medium, 3 low
    feasibility: int  # 0 not assessed, 1 hard, 2 conditional, 3 readily feasible
    feasibility_text: str
    lead: str  # ACTORS key of the responsible unit
    actors: dict = field(default_factory=dict)  # ACTORS key -> contribution
    programme: str | None = None  # PROGRAMMES key for the grant line, if any
    group: str = ""  # sub-heading in 4.1
    part_of: str = ""  # bullet this one is nested under


M = DemoMeasure
EGOV, UMWELT = "eGovernment", "Digitale Umwelt"
ARBEITGEBER = "Verwaltung als attraktiver Arbeitgeber"
MODERNISIERUNG = "Modernisierung der inneren Verwaltung und Optimierung der Prozesse"

# field code -> measures in document order; references are "<code>-<position>".
MEASURES = {
    "4.1": [
        M("OZG-Onlinedienste über Portale bereitstellen",
          "Umsetzung des OZG durch die Zurverfügungstellung von Online-Diensten über ein "
          "Portal/mehrere Portale", (1, 2), (2, 3, 6), "in_progress", 1, 2,
          "Mit den Einer-für-Alle-Diensten des Landes machbar; Aufwand liegt in der Anpassung der "
          "Fachverfahren.", "dbb",
          {"dp": "Stellt die Online-Dienste und die Anbindung an das Portal technisch bereit.",
           "itz": "Erprobt die ersten Online-Dienste im eigenen Bürgerbüro."},
          "land", EGOV),
        M("Anbindung an die Basisdienste des Landes",
          "Anbindung an die Basisdienste (Service-Konto/Postfach/Payment) des Landes "
          "Schleswig-Holstein", (1, 2), (1, 6), "completed", 1, 3,
          "Standardanbindung über den gemeinsamen IT-Betrieb.", "dbb",
          {"dp": "Richtet die Anbindung an Servicekonto, Postfach und ePayment ein.",
           "land": "Stellt die Basisdienste bereit und betreut die Anbindung."}, None, EGOV),
        M(MODERNISIERUNG, MODERNISIERUNG, (2, 3), (2, 1), "in_progress", 2, 2,
          "Erfordert eine Prozessaufnahme in allen vier Ämtern und Zeit der Fachbereiche.", "krm",
          {"dp": "Moderiert die Aufnahme und Optimierung der Prozesse.",
           "sch": "Bringt die eigenen Fachbereiche in die Prozessworkshops ein."},
          "modell", EGOV),
        M("E-Akte/DMS implementieren", "E-Akte/DMS implementieren", (2, 3), (2, 6), "in_progress",
          1, 2, "Machbar; Schulungen und die Bereinigung des Aktenplans binden Personal.", "sch",
          {"dp": "Betreibt das Dokumentenmanagementsystem im gemeinsamen IT-Betrieb.",
           "sch": "Führt die E-Akte als Pilotamt ein und teilt die Erfahrungen."},
          "land", EGOV, MODERNISIERUNG),
        M("E-Rechnung implementieren", "E-Rechnung implementieren", (2, 3), (2, 6), "completed",
          1, 3, "Gesetzlich vorgegeben; eine Standardlösung ist vorhanden.", "wil",
          {"dp": "Stellt den elektronischen Rechnungseingang bereit.",
           "wil": "Hat den digitalen Rechnungsworkflow als erstes Amt eingeführt."},
          None, EGOV, MODERNISIERUNG),
        M("Schnittstellen zu weiteren Verwaltungsebenen automatisieren",
          "Schnittstellen zu weiteren Verwaltungsebenen identifizieren und automatisieren", (2,),
          (2, 1), "planned", 2, 1,
          "Abhängig von den Schnittstellen der Fachverfahrenshersteller und anderer Ebenen.", "dbb",
          {"dp": "Prüft die vorhandenen Standardschnittstellen der Fachverfahren.",
           "land": "Stimmt Schnittstellen zu Landesverfahren ab."}, "modell", EGOV, MODERNISIERUNG),
        M("Medienbruchfreie Abläufe",
          "Medienbruchfreie Abläufe wo möglich und erforderlich („Perspektivziel“)", (2, 1), (2, 3),
          "idea", 3, 0, "Perspektivziel; setzt E-Akte, Schnittstellen und Online-Dienste voraus.",
          "dbb", {"krm": "Benennt die Abläufe mit den meisten Medienbrüchen."}, None, EGOV),
        M("Digitalisierungsbeauftragte*n benennen",
          "Verantwortung für die Digitalisierung schaffen durch Digitalisierungsbeauftragte*n",
          (3,), (1, 2), "completed", 1, 3,
          "Stelle ist im Stellenplan verankert und wird von den vier Ämtern gemeinsam getragen.",
          "itz", {"itz": "Führt die gemeinsame Stelle im eigenen Stellenplan.",
                  "wil": "Beteiligt sich an der Finanzierung der gemeinsamen Stelle."},
          None, UMWELT),
        M("Digitale Kompetenzen der Beschäftigten stärken",
          "Digitale Kompetenzen der Beschäftigten stärken", (3,), (2, 4), "in_progress", 2, 3,
          "Schulungsangebote sind vorhanden; Freistellungen der Beschäftigten sind zu planen.",
          "dbb", {"vhs": "Bietet Schulungen zu Office, E-Akte und digitalem Arbeiten an.",
                  "dp": "Schult Key-User für die Fachverfahren."}, "land", UMWELT),
        M("Zukunftskonzept Personalentwicklung",
          "Personalentwicklung: Zukunftskonzept erstellen, das auch den Fachkräftemangel mit "
          "einbezieht", (3,), (2,), "planned", 2, 2,
          "Benötigt Daten zur Altersstruktur und die Abstimmung mit den Personalräten.", "krm",
          {"krm": "Erarbeitet den Entwurf mit den Personalstellen der vier Ämter."}, None, UMWELT),
        M("Kommunikation und Veränderungsmanagement",
          "Kommunikation und Veränderungsmanagement (alle Beteiligten „mitnehmen“)", (3,), (1, 3),
          "in_progress", 1, 3, "Mit eigenen Mitteln umsetzbar; braucht dauerhafte Aufmerksamkeit.",
          "dbb", {"gem": "Informieren die Gemeindevertretungen über den Stand der Digitalisierung.",
                  "sch": "Richtet eine regelmäßige Inforunde für die Beschäftigten aus."},
          None, UMWELT),
        M("Home Office ermöglichen", "Home Office ermöglichen", (3,), (2,), "completed", 1, 3,
          "Technik über den gemeinsamen IT-Betrieb verfügbar; Dienstvereinbarung erforderlich.",
          "sch", {"dp": "Stellt VPN-Zugänge und mobile Endgeräte bereit.",
                  "sch": "Hat die Dienstvereinbarung als Muster für alle Ämter entworfen."},
          None, ARBEITGEBER),
        M("Arbeitstools optimieren und mobil synchronisieren",
          "Optimierte Nutzung von vorhandenen Tools, bedarfsgerechte Einführung neuer "
          "Arbeitstools, Synchronisation Termine/Mails auf mobilen Endgeräten (wieder) ermöglichen",
          (3,), (2, 6), "in_progress", 2, 3,
          "Mit vorhandenen Lizenzen umsetzbar; Datenschutzprüfung für mobile Geräte nötig.", "wil",
          {"dp": "Richtet die Synchronisation auf den Dienstgeräten ein."}, None, ARBEITGEBER),
    ],
    "4.2": [
        M("Zusammenarbeit mit dem Breitbandzweckverband intensivieren",
          "Zusammenarbeit mit dem Breitbandzweckverband intensivieren", (2, 3), (1, 5),
          "in_progress", 1, 3, "Der Zweckverband arbeitet bereits; Abstimmung in festen Terminen.",
          "dbb", {"bzv": "Plant und baut das Glasfasernetz in den Gemeinden aus.",
                  "gem": "Stellen Flächen und Informationen für Trassen bereit."}, "breitband"),
        M("5G-Ausbau vorantreiben", "5-G-Ausbau vorantreiben", (2,), (3, 5), "on_hold", 2, 1,
          "Der Ausbau liegt bei den Netzbetreibern; die Ämter können Standorte und Genehmigungen "
          "unterstützen.", "krm",
          {"gem": "Prüfen gemeindliche Grundstücke als Standorte für Funkmasten.",
           "bzv": "Bietet Glasfaseranbindung für Mobilfunkstandorte an."}, "breitband"),
        M("Öffentliches WLAN und Hotspots ausbauen", "Öffentliches WLAN/ HotSpots ausbauen", (3,),
          (5, 4), "in_progress", 2, 3,
          "Technisch einfach; laufende Kosten und Standorte sind mit den Gemeinden zu klären.",
          "sch", {"gem": "Benennen Standorte wie Dorfgemeinschaftshäuser und Marktplätze.",
                  "dp": "Berät zu Technik und Betrieb der Hotspots."}, "staedtebau"),
        M("LoRaWAN analysieren und einführen",
          "Analyse der Einsatzmöglichkeiten von LoRaWAN und Implementierung", (1,), (6, 2),
          "planned", 3, 2,
          "Gateways sind günstig; zuerst müssen Anwendungsfälle wie Pegelmessung ermittelt werden.",
          "wil", {"dp": "Bewertet Technik, Betrieb und Datensicherheit des Funknetzes.",
                  "gem": "Bringen Anwendungsfälle wie Pegelstände und Straßenbeleuchtung ein."},
          "modell"),
    ],
    "5.1": [
        M("Baby App", "Baby App", (3,), (3, 4), "idea", 3, 2,
          "Bestehende Baby-Apps anderer Kommunen könnten übernommen werden.", "itz",
          {"ges": "Bringt Angebote von Hebammen, Kinderärzten und Beratungsstellen ein."}),
        M("Vernetzungsportal, z. B. für Mittagstische",
          "Portale zur Vernetzung zu z.B. Mittagstisch", (3, 1), (5, 3), "idea", 3, 2,
          "Kleines Vorhaben; hängt von Engagierten ab, die die Angebote pflegen.", "krm",
          {"ver": "Organisieren Mittagstische und pflegen die Termine im Portal."}, "leader"),
        M("Dorffunk", "Dorffunk", (1, 2), (5, 6), "in_progress", 2, 3,
          "Die App ist verfügbar; der Erfolg hängt von aktiven Dorfredaktionen ab.", "wil",
          {"gem": "Gewinnen Ansprechpersonen für die Kanäle der einzelnen Dörfer.",
           "ver": "Nutzen den Dorffunk für Hilfsangebote und Veranstaltungen."}, "land"),
        M("Ehrenamtsportal", "Ehrenamtsportal", (2,), (5, 1), "planned", 2, 2,
          "Vorhandene Landes- oder Kreisportale prüfen, bevor ein eigenes Portal entsteht.", "sch",
          {"ver": "Stellen Engagement-Angebote ein und halten sie aktuell.",
           "dbb": "Prüft vorhandene Portale und koordiniert die Einführung."}, "leader"),
    ],
    "5.2": [
        M("VHS-Programm digital anbieten", "Das Programm der VHS digital anbieten", (1,), (4, 3),
          "in_progress", 2, 3,
          "Eine Lernplattform ist vorhanden; Kursräume sind teilweise nicht ausgestattet.", "itz",
          {"vhs": "Stellt Kurse auf Online- und Hybridformate um."}, "land"),
        M("Digitallotsen einführen", "Digitallotsen einführen", (1, 2), (4, 5), "in_progress",
          1, 3, "Ehrenamtliche sind gefunden; Schulung und Koordination müssen gesichert werden.",
          "krm", {"vhs": "Qualifiziert die ehrenamtlichen Digitallotsen.",
                  "ver": "Gewinnen Ehrenamtliche und bieten Sprechstunden in den Dörfern an."}),
        M("Digitale Archive", "Digitale Archive", (2, 3), (6, 5), "planned", 3, 2,
          "Die Digitalisierung der Bestände ist aufwändig; Förderung und Fachwissen sind nötig.",
          "wil", {"ver": "Heimatvereine stellen ihre Bestände zur Digitalisierung bereit.",
                  "dp": "Berät zur langfristigen, sicheren Speicherung."}, "leader"),
    ],
    "5.3": [
        M("Digitaler Wandertreff", "Digitaler Wandertreff", (2,), (5,), "idea", 3, 2,
          "Einfach umzusetzen, wenn Vereine die Termine pflegen.", "sch",
          {"ver": "Wandergruppen stellen ihre Touren und Treffpunkte ein.",
           "tou": "Bewirbt den Wandertreff bei Gästen."}),
        M("Interaktive Karten", "Interaktive Karten", (1, 2), (6, 4), "planned", 2, 3,
          "Offene Kartendaten wie OpenStreetMap können genutzt werden.", "wil",
          {"tou": "Liefert Ziele, Routen und Öffnungszeiten für die Karten.",
           "gem": "Ergänzen örtliche Einrichtungen und Sehenswürdigkeiten."}, "leader"),
        M("Sehenswürdigkeiten interaktiv erlebbar machen",
          "Sehenswürdigkeiten und touristische Orte interaktiv erlebbar machen (z.B. durch "
          "Augmented Reality)", (2, 1), (3,), "idea", 3, 1,
          "Hoher Aufwand für Inhalte; sinnvoll erst zusammen mit einem Tourismusportal.", "wil",
          {"tou": "Wählt geeignete Orte aus und liefert Geschichten und Bilder."}, "leader"),
        M("Tourismusportal und App für Sehenswürdigkeiten",
          "Portal für Tourismus etablieren (Sehenswürdigkeiten, Hotels, Wander- und Radstrecken, "
          "Stellplätze für Wohnmobile) und in Erweiterung eine App für Sehenswürdigkeiten", (1,),
          (1, 6), "planned", 1, 2,
          "Voraussetzung ist die Kooperation mit den bestehenden Tourismusorganisationen.", "wil",
          {"tou": "Pflegt Angebote, Unterkünfte und Stellplätze im Portal.",
           "wir": "Bringen Angebote von Gastronomie und Einzelhandel ein."}, "leader"),
        M("WLAN an touristischen Orten",
          "Beliebte touristische Orte sollen mit WLAN ausgestattet werden um die "
          "Aufenthaltsqualität zu steigern", (1,), (5, 4), "planned", 2, 3,
          "Baut auf dem Hotspot-Ausbau (4.2-3) auf.",
          "krm", {"gem": "Stellen Strom und Montageorte an den Ausflugszielen bereit.",
                  "tou": "Benennt die am stärksten besuchten Orte."}, "staedtebau"),
        M("Digitale Spiel- und Bewegungsrouten",
          "Spiel- und Bewegungsrouten mittels digitaler Lösungen anbieten/ausbauen", (2,), (5, 3),
          "idea", 3, 2, "Geringe Kosten, wenn vorhandene Routen-Apps genutzt werden.", "itz",
          {"ver": "Sportvereine entwickeln Stationen und Übungen für die Routen.",
           "ges": "Bringt Bewegungsempfehlungen für ältere Menschen ein."}),
    ],
    "5.4": [
        M("Wirtschaftsportal einführen",
          "Ein Wirtschaftsportal einführen (Alle Leistungen für Unternehmen auf einen Blick)",
          (1, 3), (3, 6), "planned", 2, 2,
          "Setzt auf den OZG-Diensten auf; Inhalte müssen mit der Wirtschaft abgestimmt werden.",
          "itz", {"wir": "Benennt die wichtigsten Anliegen der Betriebe an die Verwaltung.",
                  "dp": "Bindet die Online-Dienste für Unternehmen an."}, "land"),
        M("dHub und Co-Working", "dHub und Co-Working", (3, 1), (1, 5), "in_progress", 1, 2,
          "Räume und Betrieb sind geklärt; die Auslastung im Pilotjahr ist ungewiss.", "dbb",
          {"dp": "Unterstützt den Aufbau des DigitalHub gemäß der Absichtserklärung.",
           "wir": "Nutzt die Arbeitsplätze und bringt Veranstaltungen ein."}, "modell"),
        M("Mobiles Arbeiten durch Infrastruktur fördern",
          "Mobiles Arbeiten durch geeignete Infrastruktur fördern", (3,), (2, 5), "planned", 2, 2,
          "Abhängig vom Glasfaserausbau in den Gewerbegebieten.", "krm",
          {"bzv": "Priorisiert den Anschluss von Gewerbegebieten.",
           "wir": "Meldet den Bedarf der Betriebe an."}, "breitband"),
        M("Online-Shop für regionale Produkte",
          "Einen Online-Shop für regionale Produkte etablieren", (2,), (5, 6), "idea", 3, 2,
          "Vorhandene Plattformen für die Regionalvermarktung zuerst prüfen.", "wil",
          {"wir": "Höfe und Betriebe stellen ihre Produkte ein."}, "leader"),
    ],
    "5.5": [
        M("Wir machen mit – Beteiligung in den Amtsportalen",
          "Wir machen mit (im Rahmen der Amtsportale)", (2, 3), (3, 4), "planned", 2, 3,
          "Beteiligungsfunktionen der Portale sind vorhanden; Themen müssen vorbereitet werden.",
          "sch", {"gem": "Bringen Themen für Umfragen und Beteiligungen ein.",
                  "ver": "Werben in ihren Mitgliedschaften für die Teilnahme."}),
        M("Ideen- und Beschwerdemanagement einführen",
          "Ideen und Beschwerdemanagement einführen", (3, 1), (3, 2), "in_progress", 2, 3,
          "Ein Mängelmelder auf Open-Source-Basis oder eine Landeslösung ist verfügbar.", "itz",
          {"gem": "Bearbeiten gemeldete Mängel in ihren Zuständigkeiten.",
           "dp": "Betreibt das Meldesystem."}, "land"),
    ],
    "5.6": [
        M("Mobilitätsplattform (Dörpsmobil digital)",
          "Mobilitätsplattform einführen (Dörpsmobil digital)", (1, 2), (1, 5), "planned", 1, 2,
          "Abhängig von den Buchungssystemen vorhandener Dörpsmobile und der Anbieter.", "krm",
          {"gem": "Stellen Dörpsmobil-Fahrzeuge und Standorte bereit.",
           "mob": "Bindet Fahrplan- und Buchungsdaten an die Plattform an."}, "modell"),
        M("Ladesäulen für E-Mobilität ausbauen",
          "Ausbau von Infrastruktur für eMobilität (Ladesäulen) vorantreiben", (3, 2), (2, 5),
          "in_progress", 2, 2, "Förderung und Netzanschluss bestimmen das Tempo.", "sch",
          {"gem": "Stellen öffentliche Parkplätze für Ladepunkte bereit.",
           "wir": "Richten halböffentliche Ladepunkte auf Kundenparkplätzen ein."}, "lade"),
    ],
    "5.7": [
        M("Digitale Vorsorge und Videosprechstunden",
          "Digitale Vorsorgeuntersuchungen und Videosprechstunden ermöglichen", (1, 2), (3, 4),
          "idea", 2, 1,
          "Abhängig von Praxen und Kassenärztlicher Vereinigung; die Ämter können Räume anbieten.",
          "itz", {"ges": "Bietet Videosprechstunden an und nennt den Bedarf an Räumen."}, "modell"),
        M("Bewegungsrouten vernetzen, z. B. vegane Kochroute",
          "Vernetzung und Digitalisierung von Spiel- und Bewegungsrouten, Beispiel vegane "
          "Kochroute", (3, 2), (5, 6), "idea", 3, 2,
          "Baut auf den digitalen Bewegungsrouten (5.3-6) auf.", "wil",
          {"tou": "Verknüpft die Routen mit Gastronomie und Gästeinformation.",
           "ges": "Bringt Inhalte zur Gesundheitsvorsorge ein."}),
    ],
}
