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
]
