import ast
import gettext
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale" / "de" / "LC_MESSAGES" / "django.po"


def entries():
    """(msgid, msgstrs, flags, context) of each entry in the German catalogue (no header)."""
    blocks = PO.read_text(encoding="utf-8").split("\n\n")[1:]
    for block in blocks:
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        if not lines:
            continue
        flags = " ".join(line for line in lines if line.startswith("#,"))
        current, parts = None, {}
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith(("msgid", "msgstr", "msgctxt")):
                key, _, rest = line.partition(" ")
                current = key
                parts[current] = rest.strip('"')
            elif current:
                parts[current] += line.strip('"')
        strs = [v for k, v in parts.items() if k.startswith("msgstr")]
        yield parts.get("msgid", ""), strs, flags, parts.get("msgctxt")


def test_every_string_has_a_german_translation():
    missing = [msgid for msgid, strs, flags, _ctx in entries() if not all(strs) or "fuzzy" in flags]
    assert missing == []


def unescape(text):
    # .po strings are C-escaped, which a Python string literal reads the same way.
    return ast.literal_eval(f'"{text}"')


def test_compiled_catalogue_matches_the_source():
    mo = PO.with_suffix(".mo")
    assert mo.exists(), "run: make messages"
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)

    def translated(msgid, context):
        if context:
            return catalogue.pgettext(unescape(context), unescape(msgid))
        return catalogue.gettext(unescape(msgid))

    stale = [
        msgid
        for msgid, strs, _flags, context in entries()
        if msgid and len(strs) == 1 and translated(msgid, context) != unescape(strs[0])
    ]
    assert stale == [], "the .mo is out of date: run make messages"
