"""Template hygiene that no single page test would notice."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# {{ x.pk }} renders "1.014" with German number format: ids in attributes must be unlocalised.
LOCALISED_ID = re.compile(r"\{\{\s*[\w.]+\.(pk|id)\s*\}\}")


def test_no_template_writes_an_id_in_local_number_format():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LOCALISED_ID.search(line)
    ]
    assert offenders == []
