"""The report's speed-ups change nothing a reader or a checker sees."""

import pydyf
from weasyprint import HTML

from agenda.report import pdf_worker

TAGGED = """<html lang="de"><head><title>Probe</title></head><body>
{}
</body></html>""".format(
    "\n".join(
        f'<h1 style="break-before: page">Kapitel {n}</h1><p>Absatz {n}</p>'
        f"<table><caption>Tabelle {n}</caption><tr><th>Kopf</th><td>{n}</td></tr></table>"
        for n in range(6)
    )
)


def test_the_cached_page_references_give_a_byte_identical_pdf():
    document = HTML(string=TAGGED).render()
    plain = document.write_pdf(pdf_variant="pdf/ua-1")
    cached, pages, _peak = pdf_worker.layout(TAGGED, base_url=None)
    assert pages == 6
    assert cached == plain


def test_the_cache_is_rebuilt_when_a_page_is_added_and_the_patch_is_scoped():
    original = pydyf.PDF.__dict__["page_references"]
    pdf = pydyf.PDF()
    with pdf_worker.cached_page_references():
        assert pydyf.PDF.__dict__["page_references"] is not original
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        first = pdf.page_references
        assert pdf.page_references is first  # the same tuple, not rebuilt
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert len(pdf.page_references) == 2
        assert pdf.page_references == original.fget(pdf)
        with pdf_worker.cached_page_references():  # nested: the outer patch stays
            pass
        assert pydyf.PDF.__dict__["page_references"] is not original
    assert pydyf.PDF.__dict__["page_references"] is original
