"""The report's fonts: WOFF2 decompressed once into a cache, the PDF as WeasyPrint makes it."""

from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader
from weasyprint import HTML

from agenda.report import pdf_worker

FONTS = Path(settings.BASE_DIR) / "static/vendor/kern/fonts/fira-sans"
FIRA = """<html lang="de"><head><title>Probe</title><style>
@font-face { font-family: "Fira Sans"; font-weight: 400;
  src: url("static/vendor/kern/fonts/fira-sans/FiraSans-Regular.woff2") format("woff2"); }
@font-face { font-family: "Fira Sans"; font-weight: 700;
  src: url("static/vendor/kern/fonts/fira-sans/FiraSans-Bold.woff2") format("woff2"); }
html { font-family: "Fira Sans"; }
</style></head><body><h1>Überschrift</h1><p>Ärger über <b>Größe</b> – 1.234 €</p></body></html>"""


@pytest.fixture
def font_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENDA_FONT_CACHE", str(tmp_path / "fonts"))
    monkeypatch.setattr(pdf_worker, "_fonts_in_memory", {})
    return tmp_path / "fonts"


def test_the_cached_fonts_give_the_pdf_weasyprint_makes_from_the_woff2_files(font_cache):
    base_url = str(settings.BASE_DIR)
    plain = HTML(string=FIRA, base_url=base_url).render().write_pdf(pdf_variant="pdf/ua-1")
    for _run in ("decompressed", "from the cache"):
        cached, pages, _peak = pdf_worker.layout(FIRA, base_url)
        assert pages == 1
        assert cached == plain
    fonts = PdfReader(BytesIO(plain)).pages[0]["/Resources"]["/Font"].values()
    assert sorted(font.get_object()["/BaseFont"].split("+")[-1] for font in fonts) == [
        "Fira-Sans",
        "Fira-Sans-Bold",
    ]
    assert len(list(font_cache.glob("*.ttf"))) == 2


def test_a_woff2_font_is_decompressed_once_then_read_from_the_cache(font_cache, monkeypatch):
    woff2 = (FONTS / "FiraSans-Regular.woff2").read_bytes()
    font = pdf_worker.truetype_of(woff2)
    assert font[:4] == b"\x00\x01\x00\x00"  # TrueType outlines
    (cached,) = font_cache.glob("*.ttf")
    assert cached.read_bytes() == font

    def no_second_decompression(_woff2):
        raise AssertionError("decompressed again")

    monkeypatch.setattr(pdf_worker, "_decompressed", no_second_decompression)
    monkeypatch.setattr(pdf_worker, "_fonts_in_memory", {})  # as in a fresh process
    assert pdf_worker.truetype_of(woff2) == font


def test_a_damaged_cache_file_is_made_again(font_cache, monkeypatch):
    woff2 = (FONTS / "FiraSans-Italic.woff2").read_bytes()
    font = pdf_worker.truetype_of(woff2)
    (cached,) = font_cache.glob("*.ttf")
    cached.write_bytes(b"")  # e.g. a full disk
    monkeypatch.setattr(pdf_worker, "_fonts_in_memory", {})
    assert pdf_worker.truetype_of(woff2) == font
    assert cached.read_bytes() == font
    assert not list(font_cache.glob("*.part"))


def test_an_unwritable_cache_directory_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("AGENDA_FONT_CACHE", str(blocker / "fonts"))
    monkeypatch.setattr(pdf_worker, "_fonts_in_memory", {})
    woff2 = (FONTS / "FiraSans-Bold.woff2").read_bytes()
    assert pdf_worker.truetype_of(woff2)[:4] == b"\x00\x01\x00\x00"
