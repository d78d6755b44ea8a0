"""The demo's council information system: OParl-shaped files, read without a network."""

from pathlib import Path

from agenda.council import oparl

DEMO_BASE = "https://ris.example.org/oparl"
DEMO_DIR = Path(__file__).resolve().parent / "demo_oparl"
# measure reference -> paper (example values).
DEMO_PAPERS = {
    "4.1-1": f"{DEMO_BASE}/paper/11",
    "4.1-2": f"{DEMO_BASE}/paper/14",
    "4.1-3": f"{DEMO_BASE}/paper/30",
    "4.1-4": f"{DEMO_BASE}/paper/21",
}


def file_for(path):
    """The file serving an address's path below the base ("paper/11" -> paper_11.json)."""
    name = path.strip("/").replace("/", "_").replace("?", "_").replace("=", "_").replace("&", "_")
    candidate = (DEMO_DIR / f"{name}.json").resolve()
    if candidate.parent != DEMO_DIR or not candidate.is_file():
        return None
    return candidate


def local_source(url):
    """An address below DEMO_BASE read from the files (oparl's `source`)."""
    if not url.startswith(DEMO_BASE + "/"):
        raise oparl.OParlError(f"not a demo address: {url}")
    path = file_for(url[len(DEMO_BASE) + 1 :])
    if path is None:
        raise oparl.OParlError(f"no demo file for {url}")
    return path.read_bytes()
