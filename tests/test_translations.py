import ast
import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"


def entries(po=PO):
    """(msgid, msgstrs, flags, context) of each entry in the German catalogue (no header)."""
    blocks = po.read_text(encoding="utf-8").split("\n\n")[1:]
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


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (.ci/run has it)")
def test_every_string_of_the_code_and_templates_is_in_the_catalogue(tmp_path):
    """What makemessages extracts (in a copy, so the real catalogue stays as it is) is there.

    Entries are added by hand; one from a template with "%" lacked Django's doubling ("%%")
    and the council report printed it in English.
    """
    for name in ("agenda", "strategy", "measures", "participation", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    (tmp_path / "locale" / "de" / "LC_MESSAGES").mkdir(parents=True)
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "makemessages", "-l", "de", "-v", "0"],
        cwd=tmp_path,
        env={**os.environ, "DJANGO_DEBUG": "1"},
        check=True,
        capture_output=True,
    )
    known = {(msgid, context) for msgid, _strs, _flags, context in entries()}
    extracted = list(entries(tmp_path / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    assert len(extracted) > 1000
    missing = [msgid for msgid, _s, _f, context in extracted if (msgid, context) not in known]
    assert missing == []
