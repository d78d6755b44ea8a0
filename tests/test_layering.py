"""Imports go down the layering in DESIGN.md, never up, and never in a circle."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Top to bottom; a package may import from itself and anything below it.
LAYERS = ["agenda", "participation", "measures", "strategy"]
# Inside agenda: the report renders plain data and knows nothing of the views on top of it.
REPORT_MAY_NOT_IMPORT = ("agenda.editions", "agenda.public", "agenda.transfer", "agenda.views")


def modules(package):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path


def imported(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("package", LAYERS)
def test_no_package_imports_a_layer_above_it(package):
    above = LAYERS[: LAYERS.index(package)]
    upward = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in modules(package)
        for name in imported(path)
        if name.split(".")[0] in above and name != "agenda.settings"
    ]
    assert upward == []


def test_the_report_does_not_import_the_views_built_on_it():
    upward = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in modules("agenda/report")
        for name in imported(path)
        if name.startswith(REPORT_MAY_NOT_IMPORT)
    ]
    assert upward == []


def test_the_guard_sees_an_upward_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("from agenda.report.render import render_html\n")
    assert list(imported(probe)) == ["agenda.report.render"]
