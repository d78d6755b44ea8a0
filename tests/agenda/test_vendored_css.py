"""Every stylesheet we ship parses, and everything it points at is one of our own static files.

A stylesheet's url() and @import are requests the browser makes on its own: a font or an
image named by another host's address would leave the portal through the back door, and one
named by a path that does not exist fails silently (the text falls back to a system font).
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import tinycss2
from django.conf import settings

STATIC = Path(settings.BASE_DIR) / "static"
STYLESHEETS = sorted(STATIC.rglob("*.css"))
KERN = STATIC / "vendor" / "kern"


def urls(nodes):
    """(kind, address) of every url() and @import in a list of parsed CSS nodes."""
    for node in nodes:
        if node.type == "url":
            yield "url", node.value
        elif node.type == "function" and node.lower_name == "url":
            strings = [arg.value for arg in node.arguments if arg.type == "string"]
            yield "url", strings[0] if strings else ""
        elif node.type == "at-rule" and node.lower_at_keyword == "import":
            target = next(
                (token for token in node.prelude if token.type in ("string", "url", "function")),
                None,
            )
            if target is not None and target.type == "string":
                yield "@import", target.value
            elif target is not None:
                yield from (("@import", url) for _kind, url in urls([target]))
            continue
        for child in ("prelude", "content", "arguments"):
            if isinstance(getattr(node, child, None), list):
                yield from urls(getattr(node, child))


def parsed(path):
    rules, _encoding = tinycss2.parse_stylesheet_bytes(path.read_bytes())
    errors = [
        f"{rule.source_line}:{rule.source_column} {rule.message}"
        for rule in rules
        if rule.type == "error"
    ]
    return rules, errors


def test_kern_is_vendored_with_its_licences_and_both_font_stylesheets():
    for name in [
        "kern.min.css",
        "kern-grid.min.css",
        "LICENSE.md",
        "README.md",
        "fonts/fira-sans.css",
        "fonts/noto-sans.css",
        "fonts/OFL.txt",
    ]:
        assert (KERN / name).is_file(), name
    assert "EUPL" in (KERN / "LICENSE.md").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in (KERN / "fonts/OFL.txt").read_text()


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: str(path.relative_to(STATIC)))
def test_stylesheet_parses_and_points_only_at_our_own_existing_files(path):
    rules, errors = parsed(path)
    assert errors == []
    problems = []
    for kind, address in urls(rules):
        parts = urlsplit(address)
        if parts.scheme == "data":
            continue
        if parts.scheme or parts.netloc or address.startswith("//"):
            problems.append(f"{kind} to another host: {address}")
            continue
        target = (
            STATIC / parts.path.removeprefix(settings.STATIC_URL).lstrip("/")
            if parts.path.startswith("/")
            else path.parent / parts.path
        ).resolve()
        if not target.is_relative_to(STATIC.resolve()) or not target.is_file():
            problems.append(f"{kind} to a file that is not under static/: {address}")
    assert problems == []


def test_the_font_stylesheets_name_every_vendored_font_file():
    """Nothing unused is vendored: each font file is named by one of the font stylesheets."""
    named = set()
    for stylesheet in (KERN / "fonts").glob("*.css"):
        rules, _errors = parsed(stylesheet)
        named |= {(stylesheet.parent / url).resolve() for _kind, url in urls(rules)}
    fonts = {path.resolve() for path in (KERN / "fonts").rglob("*.woff*")}
    assert fonts, "no font files vendored"
    assert fonts == named


def test_the_check_finds_another_host_and_a_missing_file(tmp_path):
    """The walk above must see url() in every form and @import, or it proves nothing."""
    sheet = tmp_path / "probe.css"
    sheet.write_text(
        '@import "https://cdn.example.org/x.css";\n'
        "@import url(other.css);\n"
        "@font-face { src: url(./gone.woff2) format('woff2'), url(\"//fonts.example.org/a\"); }\n"
        "@media print { a { background: url('data:image/png;base64,AA') } }\n"
    )
    rules, errors = parsed(sheet)
    assert errors == []
    assert sorted(urls(rules)) == [
        ("@import", "https://cdn.example.org/x.css"),
        ("@import", "other.css"),
        ("url", "./gone.woff2"),
        ("url", "//fonts.example.org/a"),
        ("url", "data:image/png;base64,AA"),
    ]
