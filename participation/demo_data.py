"""Example ideas for the demo: what citizens of the four Ämter might hand in.

Invented for demonstration; no real person's idea or name. Linked to the demo measures by
reference, so `load_demo` (measures) must run first.
"""

DEMO_IDEAS = [
    # (kind, channel, state, field code, title, text, answer, promoted to measure reference)
    (
        "idea",
        "online",
        "promoted",
        "4.2",
        "WLAN im Wartebereich des Amtes",
        "Im Wartebereich des Amtes Wilstermarsch gibt es kein Netz. Ein offenes WLAN würde "
        "die Wartezeit angenehmer machen und Formulare am Handy möglich.",
        "Ihre Idee ist in die Maßnahme „Öffentliches WLAN und Hotspots ausbauen“ eingeflossen.",
        "4.2-3",
    ),
    (
        "idea",
        "workshop",
        "promoted",
        "4.2",
        "Hotspots an Dorfgemeinschaftshäusern",
        "Aus dem Workshop in Krempe: Dorfgemeinschaftshäuser sollten WLAN-Hotspots bekommen.",
        "",
        "4.2-3",
    ),
    (
        "hint",
        "neighbourhood",
        "accepted",
        "5.6",
        "Ladesäule am Bahnhof Wilster ist oft defekt",
        "Die Ladesäule am Bahnhof zeigt seit Wochen eine Störung.",
        "Danke für den Hinweis. Wir haben den Betreiber informiert; die Säule wird im "
        "nächsten Monat getauscht.",
        "",
    ),
    (
        "complaint",
        "letter",
        "rejected",
        "4.2",
        "Funkloch an der B 5",
        "Zwischen Itzehoe und Wilster bricht jedes Telefonat ab.",
        "Der Mobilfunkausbau liegt bei den Netzbetreibern und der Bundesnetzagentur. Wir haben "
        "Ihre Beschwerde an den Breitbandzweckverband weitergegeben.",
        "",
    ),
    (
        "idea",
        "survey",
        "in_review",
        "5.2",
        "Digitalsprechstunde für Seniorinnen und Senioren",
        "Einmal im Monat sollten Digitallotsen in der Bücherei Fragen zu Smartphone und "
        "Onlinebanking beantworten.",
        "",
        "",
    ),
    (
        "idea",
        "online",
        "new",
        "5.3",
        "Radwege-Karte mit Rastplätzen",
        "Eine interaktive Karte der Radwege mit Rastplätzen, Toiletten und Ladestationen für "
        "E-Bikes wäre für Gäste und Einheimische hilfreich.",
        "",
        "",
    ),
    (
        "hint",
        "phone",
        "new",
        "",
        "Formular für Hundesteuer nicht auffindbar",
        "Auf der Website des Amtes findet man das Formular zur Anmeldung der Hundesteuer nicht.",
        "",
        "",
    ),
    # Ideas addressed to one Amt (see ADDRESSED_TO); invented, like the others.
    (
        "idea",
        "online",
        "new",
        "4.1",
        "Sitzungsunterlagen der Gemeindevertretung vorab online",
        "Die Unterlagen der Gemeindevertretung Wilster sollten eine Woche vor der Sitzung "
        "online stehen, damit man sich vorbereiten kann.",
        "",
        "",
    ),
    (
        "hint",
        "online",
        "new",
        "5.2",
        "WLAN in der Grundschule Schenefeld fällt oft aus",
        "Im Unterricht bricht das WLAN mehrmals am Tag zusammen; die Tablets sind dann nutzlos.",
        "",
        "",
    ),
    (
        "idea",
        "letter",
        "in_review",
        "5.5",
        "Ehrenamtsbörse für die Gemeinden im Amt Itzehoe-Land",
        "Vereine suchen Helferinnen und Helfer, Freiwillige suchen Aufgaben: eine gemeinsame "
        "Börse im Netz würde beide zusammenbringen.",
        "",
        "",
    ),
    (
        "complaint",
        "phone",
        "accepted",
        "4.1",
        "Lange Wartezeiten im Bürgerbüro Krempe",
        "Ohne Termin wartet man im Bürgerbüro oft über eine Stunde.",
        "Danke für Ihre Beschwerde. Das Amt Krempermarsch führt die Online-Terminvergabe ein; "
        "bis dahin gibt es zusätzliche Sprechzeiten am Donnerstag.",
        "",
    ),
]

# title -> slug of the Amt the idea is addressed to (demo_federation); the rest go to all.
ADDRESSED_TO = {
    "WLAN im Wartebereich des Amtes": "wilstermarsch",
    "Ladesäule am Bahnhof Wilster ist oft defekt": "wilstermarsch",
    "Hotspots an Dorfgemeinschaftshäusern": "krempermarsch",
    "Sitzungsunterlagen der Gemeindevertretung vorab online": "wilstermarsch",
    "WLAN in der Grundschule Schenefeld fällt oft aus": "schenefeld",
    "Ehrenamtsbörse für die Gemeinden im Amt Itzehoe-Land": "itzehoe-land",
    "Lange Wartezeiten im Bürgerbüro Krempe": "krempermarsch",
}
