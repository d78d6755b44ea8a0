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


def module_graph():
    """Project module -> the project modules it imports (at the top or inside functions)."""
    names = {}
    for package in LAYERS:
        for path in modules(package):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {}
    for name, path in names.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        deps = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    deps.add(full if full in names else node.module)
            elif isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
        graph[name] = {dep for dep in deps if dep in names and dep != name}
    return graph


def cycles(graph):
    """Every import circle, found by walking from each module (small graph, plain search)."""
    found = set()
    for start in graph:
        stack = [(start, (start,))]
        while stack:
            node, path = stack.pop()
            for dep in graph[node]:
                if dep == start:
                    found.add(frozenset(path))
                elif dep not in path and dep > start:
                    stack.append((dep, (*path, dep)))
    return found


def test_no_modules_import_each_other_in_a_circle():
    assert cycles(module_graph()) == set()


def test_the_circle_search_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {frozenset("abc")}
