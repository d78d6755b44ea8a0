"""User text isolated from the text around it (see strategy/templatetags/bidi.py)."""

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate_text(value):
    """For user values inside plain text composed in Python (titles, mails): FSI … PDI."""
    return f"{FIRST_STRONG_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}"
