"""Tables that stack on small screens: every body cell carries its column heading.

`label_cells(html)` copies the text of each column heading (the last row of <thead>) into a
`data-label` attribute on the body cells below it, honouring colspan. The CSS in agenda.css
(`.table-stack`) shows that label in front of the cell when the rows stack (< 992 px). The label
comes from the very heading the template wrote, so both always say the same. Explicit ARIA table
roles keep the table a table for screen readers even where CSS turns its parts into blocks.
"""

import html
import re
from html.parser import HTMLParser

ROLES = {
    "table": "table",
    "thead": "rowgroup",
    "tbody": "rowgroup",
    "tfoot": "rowgroup",
    "tr": "row",
}
SPACE = re.compile(r"\s+")
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# KERN's table wants a class on every part; the tag adds them, so templates write plain rows.
KERN_PARTS = {
    "tbody": "kern-table__body",
    "tfoot": "kern-table__footer",
    "tr": "kern-table__row",
    "th": "kern-table__header",
    "td": "kern-table__cell",
}
# Our own mark for a number column (right-aligned): KERN's numeric modifier of the part.
NUMERIC = {"num", "text-end"}
HIDDEN = {"kern-sr-only", "visually-hidden"}


class _Labeller(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.depth = 0  # nesting of tables; only the outermost one is labelled
        self.section = None
        self.headings = []
        self.column = 0
        self.heading_text = None
        self.heading_span = 1
        # Elements open inside a visually hidden part of a heading ("(sortieren)" on a sort
        # link): its text is for screen readers, which read the heading itself, not the label.
        self.hidden = 0

    # Writing back -------------------------------------------------------------------------
    def _start(self, tag, attrs, extra, classes=()):
        text = self.get_starttag_text()
        if classes:
            # Rebuild the tag with the KERN classes merged into its own.
            merged = dict(attrs)
            own = (merged.get("class") or "").split()
            merged["class"] = " ".join(own + [c for c in classes if c not in own])
            merged.update(extra)
            written = "".join(
                f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
                for name, value in merged.items()
            )
            self.out.append(f"<{tag}{written}>")
            return
        if not extra:
            self.out.append(text)
            return
        added = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in extra)
        end = -2 if text.endswith("/>") else -1
        self.out.append(text[:end] + added + text[end:])

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        extra = []
        own_classes = set((attributes.get("class") or "").split())
        hidden = self.hidden or bool(HIDDEN & own_classes)
        if self.heading_text is not None and tag not in VOID and hidden:
            self.hidden += 1
        if tag == "table":
            self.depth += 1
        if self.depth == 1:
            if tag in ROLES and "role" not in attributes:
                extra.append(("role", ROLES[tag]))
            if tag in ("thead", "tbody", "tfoot"):
                self.section = tag
            elif tag == "tr":
                self.column = 0
                if self.section == "thead":
                    self.headings = []
            elif tag in ("th", "td"):
                colspan = attributes.get("colspan") or "1"
                span = int(colspan) if colspan.isdigit() else 1
                if "role" not in attributes:
                    if tag == "td":
                        extra.append(("role", "cell"))
                    elif self.section == "thead" or attributes.get("scope") == "col":
                        extra.append(("role", "columnheader"))
                    else:
                        extra.append(("role", "rowheader"))
                if self.section == "thead":
                    self.heading_text = []
                    self.heading_span = span
                elif self.headings and "data-label" not in attributes:
                    label = self.headings[self.column] if self.column < len(self.headings) else ""
                    if label and span == 1:
                        extra.append(("data-label", label))
                self.column += span
        classes = []
        if self.depth == 1 and tag in KERN_PARTS:
            classes.append(KERN_PARTS[tag])
            if tag in ("th", "td") and NUMERIC & own_classes:
                classes.append(KERN_PARTS[tag] + "--numeric")
        self._start(tag, attrs, extra, classes)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.hidden and tag not in VOID:
            self.hidden -= 1
        if self.depth == 1 and tag == "th" and self.heading_text is not None:
            label = SPACE.sub(" ", html.unescape("".join(self.heading_text))).strip()
            self.headings.extend([label] * self.heading_span)
            self.heading_text = None
        self.heading_span = 1
        if self.depth == 1 and tag in ("thead", "tbody", "tfoot"):
            self.section = None
        if tag == "table":
            self.depth -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.heading_text is not None and not self.hidden:
            self.heading_text.append(data)
        self.out.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def label_cells(markup):
    parser = _Labeller()
    parser.feed(str(markup))
    parser.close()
    # Whatever the parser still holds (an unfinished tag) goes back unchanged.
    return "".join(parser.out) + parser.rawdata
