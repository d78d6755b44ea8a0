"""HTML to PDF with WeasyPrint, importable without Django so a fresh process starts fast.

Used in-process, or in a spawned process that ends after one report (WeasyPrint keeps the
memory it used: Kozea/WeasyPrint#1950).
"""

import logging
import re
import resource


class _PageCounter(logging.Handler):
    """WeasyPrint logs "Step 5 - Creating layout - Page N": pass N on as progress."""

    def __init__(self, report_page):
        super().__init__(logging.INFO)
        self.report_page = report_page

    def emit(self, record):
        if match := re.search(r"Page (\d+)", record.getMessage()):
            self.report_page(int(match.group(1)))


def layout(html, base_url, report_page=None):
    """HTML -> (PDF bytes, page count, peak memory of this process in MiB)."""
    from weasyprint import HTML

    logger = logging.getLogger("weasyprint.progress")
    handler = _PageCounter(report_page) if report_page else None
    if handler:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        document = HTML(string=html, base_url=base_url).render()
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
