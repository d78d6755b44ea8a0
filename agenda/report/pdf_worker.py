"""HTML to PDF with WeasyPrint, importable without Django so a fresh process starts fast.

Used in-process, or in a spawned process that ends after one report (WeasyPrint keeps the
memory it used: Kozea/WeasyPrint#1950).
"""

import contextlib
import hashlib
import logging
import os
import re
import resource
import threading
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _PageCounter(logging.Handler):
    """WeasyPrint logs "Step 5 - Creating layout - Page N": pass N on as progress."""

    def __init__(self, report_page):
        super().__init__(logging.INFO)
        self.report_page = report_page

    def emit(self, record):
        if match := re.search(r"Page (\d+)", record.getMessage()):
            self.report_page(int(match.group(1)))


_patch_lock = threading.Lock()
_patch_depth = 0
_pydyf_page_references = None  # pydyf's own property while the patch is in place


def _cached_page_references(pdf):
    """pydyf's `PDF.page_references`, rebuilt only when the page list has grown.

    The cache is keyed on the `Kids` array and its length: `PDF.add_page` only ever extends
    it, so a new page makes the key stale and the tuple is built again.
    """
    kids = pdf.pages["Kids"]
    key = (id(kids), len(kids))
    cached = pdf.__dict__.get("_agenda_page_references")
    if cached is None or cached[0] != key:
        references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        cached = pdf.__dict__["_agenda_page_references"] = (key, references)
    return cached[1]


@contextlib.contextmanager
def cached_page_references():
    """While WeasyPrint writes, let pydyf build the list of page references once per page count.

    Why: WeasyPrint's tagging (weasyprint/pdf/tags.py) asks `pdf.page_references[n]` for the
    page of every structure element, and pydyf 0.13 rebuilds the tuple of ALL pages on each
    call: quadratic, ~67,000 calls over ~360 pages, about a third of the report's time.
    The cached tuple is equal to the one pydyf builds, so the PDF is byte for byte the same
    (tests/agenda/test_report_speed.py). Checked against the range pinned in pyproject.toml;
    drop it once pydyf caches the list itself.
    Scoped to this block (and counted, so that two reports in threads do not undo each
    other's patch early); a PDF written outside it meets pydyf's own property.
    """
    import pydyf

    global _patch_depth, _pydyf_page_references
    with _patch_lock:
        if _patch_depth == 0:
            _pydyf_page_references = pydyf.PDF.__dict__["page_references"]
            pydyf.PDF.page_references = property(_cached_page_references)
        _patch_depth += 1
    try:
        yield
    finally:
        with _patch_lock:
            _patch_depth -= 1
            if _patch_depth == 0:
                pydyf.PDF.page_references = _pydyf_page_references


_FONT_CACHE_VERSION = 1
_fonts_in_memory = {}  # sha256 of a WOFF2 file -> its TrueType bytes, for this process
_fonts_lock = threading.Lock()
_SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"OTTO", b"true")


def font_cache_dir():
    """Where decompressed fonts are kept between processes: $AGENDA_FONT_CACHE, else the
    user's cache directory ($XDG_CACHE_HOME or ~/.cache)."""
    if configured := os.environ.get("AGENDA_FONT_CACHE"):
        return Path(configured)
    try:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:  # no home directory: decompress in this process only
        base = None
    return base and Path(base) / "digitale-agenda" / f"fonts-v{_FONT_CACHE_VERSION}"


def _decompressed(woff2):
    from fontTools.ttLib import woff2 as woff2_format

    out = BytesIO()
    woff2_format.decompress(BytesIO(woff2), out)
    return out.getvalue()


def truetype_of(woff2):
    """The TrueType font inside WOFF2 bytes, decompressed once and then cached.

    Why: WeasyPrint decompresses every WOFF2 font on every render with fontTools' pure-Python
    WOFF2 decoder, ~0.33 CPU s per Fira Sans style, ~1.6 s for the report's five, before any
    page is laid out. The result only depends on the file's bytes: keyed on their SHA-256,
    kept in this process and in `font_cache_dir()` (the spawned render process starts empty).
    Giving WeasyPrint the same TrueType bytes it would have made itself leaves the PDF as it
    was. An unwritable cache directory costs only the time saved.
    """
    key = hashlib.sha256(woff2).hexdigest()
    if (font := _fonts_in_memory.get(key)) is not None:
        return font
    with _fonts_lock:
        if (font := _fonts_in_memory.get(key)) is not None:
            return font
        cache = font_cache_dir()
        path = cache and cache / f"{key}.ttf"
        try:
            font = path.read_bytes() if path else b""
        except OSError:
            font = b""
        if font[:4] not in _SFNT_VERSIONS:  # missing, or not a font: make it (again)
            font = _decompressed(woff2)
            if path:
                _store(path, font)
        _fonts_in_memory[key] = font
        return font


def _store(path, font):
    """Write the font into the cache, atomically (a reader never sees half a font)."""
    partial = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(font)
        partial.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _url_fetcher():
    """WeasyPrint's own fetcher, except that a local WOFF2 font comes back as TrueType."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class FontCacheFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file" and parts.path.endswith(".woff2"):
                with contextlib.suppress(OSError, ValueError):
                    woff2 = Path(unquote(parts.path)).read_bytes()
                    if woff2[:4] == b"wOF2":
                        font = truetype_of(woff2)
                        return URLFetcherResponse(url, font, {"Content-Type": "font/ttf"})
            return super().fetch(url, headers)

    return FontCacheFetcher()


def layout(html, base_url, report_page=None):
    """HTML -> (PDF bytes, page count, peak memory of this process in MiB)."""
    from weasyprint import HTML

    logger = logging.getLogger("weasyprint.progress")
    handler = _PageCounter(report_page) if report_page else None
    if handler:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        document = HTML(string=html, base_url=base_url, url_fetcher=_url_fetcher()).render()
        with cached_page_references():
            pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    finally:
        if handler:
            logger.removeHandler(handler)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return pdf, len(document.pages), peak


def layout_in_child(html, base_url, queue):
    # The child has no Django logging config: keep WeasyPrint's chatter out of the logs.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    return layout(html, base_url, queue.put if queue is not None else None)
