"""The layout's rules as failing checks: no import cycles, no private cross-module use, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "kinerja"
SHELL = [ROOT / "ui", ROOT / "pages"]
MAX_LINES = 300
LONGER_ALLOWED = {"kinerja/demo/catalogue.py"}  # the demo catalogue is data, not logic


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def core_modules() -> dict[str, Path]:
    return {module_name(p): p for p in CORE.rglob("*.py") if "migrations" not in p.parts}


def imported(tree: ast.AST, here: str, known: set[str], package: bool) -> list[tuple[str, ast.AST]]:
    """Every kinerja module `here` imports, at the top and inside functions (ast.walk sees both)."""
    out = []
    base = here if package else here.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node) for a in node.names if a.name.split(".")[0] == "kinerja"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parent = base.rsplit(".", node.level - 1)[0] if node.level > 1 else base
                mod = f"{parent}.{node.module}" if node.module else parent
            else:
                mod = node.module or ""
            if mod.split(".")[0] != "kinerja":
                continue
            for alias in node.names:  # `from kinerja import paths` imports the module kinerja.paths
                sub = f"{mod}.{alias.name}"
                out.append((sub if sub in known else mod, node))
    return out


def import_graph() -> dict[str, set[str]]:
    modules = core_modules()
    known = set(modules)
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text())
        for target, _node in imported(tree, name, known, path.name == "__init__.py"):
            if target in known and target != name:
                graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (as a path that returns to its start), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if state.get(nxt) is None and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


@pytest.mark.parametrize(
    ("graph", "cycle"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
        ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
    ],
)
def test_find_cycle_table(graph: dict[str, set[str]], cycle: list[str] | None) -> None:
    assert find_cycle(graph) == cycle


def test_graph_sees_function_level_imports(tmp_path: Path) -> None:
    tree = ast.parse("def f():\n    from kinerja.store import readers\n    import kinerja.clock\n")
    known = {"kinerja.store", "kinerja.store.readers", "kinerja.clock"}
    found = {m for m, _ in imported(tree, "kinerja.views.x", known, False)}
    assert found == {"kinerja.store.readers", "kinerja.clock"}


def test_kinerja_import_graph_has_no_cycle() -> None:
    graph = import_graph()
    assert len(graph) > 60  # the graph really covers the package
    assert "kinerja.store.readers" in graph["kinerja.services.importer"]
    assert find_cycle(graph) is None


def test_no_module_uses_another_modules_private_names() -> None:
    """`from x import _y` and `x._y(...)` across modules (ruff's PLC2701 covers only the first)."""
    modules = core_modules()
    offenders = []
    for path in [*modules.values(), *(p for d in SHELL for p in d.rglob("*.py")), ROOT / "app.py"]:
        tree = ast.parse(path.read_text())
        aliases: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("kinerja", "ui"):
                for a in node.names:
                    if a.name.startswith("_") and not a.name.startswith("__"):
                        offenders.append(f"{path.relative_to(ROOT)}: from {node.module} import {a.name}")
                    aliases.add(a.asname or a.name)
            elif isinstance(node, ast.Import):
                aliases |= {
                    (a.asname or a.name).split(".")[0]
                    for a in node.names
                    if a.name.startswith(("kinerja", "ui"))
                }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value.id}.{node.attr}")
    assert offenders == []


def test_modules_stay_small_and_say_what_they_are_for() -> None:
    files = [*CORE.rglob("*.py"), *(p for d in SHELL for p in d.rglob("*.py")), ROOT / "app.py"]
    too_long, undocumented = [], []
    for path in files:
        rel = str(path.relative_to(ROOT))
        text = path.read_text()
        if len(text.splitlines()) > MAX_LINES and rel not in LONGER_ALLOWED:
            too_long.append(f"{rel}: {len(text.splitlines())}")
        doc = ast.get_docstring(ast.parse(text))
        if text.strip() and not doc:
            undocumented.append(rel)
    assert too_long == []
    assert undocumented == []


def test_the_core_never_imports_streamlit() -> None:
    """STYLE.md: only app.py, ui/ and pages/ import streamlit (every module, function level too)."""
    offenders = []
    for name, path in core_modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            mods = []
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                mods = [node.module or ""]
            offenders += [f"{name}: {m}" for m in mods if m.split(".")[0] == "streamlit"]
    assert offenders == []
