"""The app's shell is split by job: its modules import each other in one direction, at the top, and stay short."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parents[1]
SHELL = sorted([ROOT / "app.py", *(ROOT / "components").rglob("*.py")])
MOST_LINES = 300


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _shell_imports(node: ast.AST) -> set[str]:
    """The components modules an import statement names (`from components import view` names components.view)."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name.split(".")[0] == "components"}
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        if node.module == "components":
            return {f"components.{a.name}" for a in node.names}
        if node.module.startswith("components."):
            return {node.module}
    return set()


def test_no_shell_module_imports_another_inside_a_function():
    found = [
        f"{path.relative_to(ROOT)}:{inner.lineno}"
        for path in SHELL
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        for inner in ast.walk(node)
        if _shell_imports(inner)
    ]
    assert found == [], "an import inside a function hides a cycle: move the shared piece down instead"


def test_the_shell_modules_import_each_other_without_a_cycle():
    graph = {
        _module(path): set().union(*(_shell_imports(n) for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))))
        for path in SHELL
    }
    assert {"components.view", "components.runner", "components.share", "components.widgets"} <= set(graph)
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join([*path, name])
        if name in done:
            return
        for imported in graph.get(name, ()):
            visit(imported, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())


def test_every_shell_and_view_module_is_short():
    files = [*SHELL, *(ROOT / "parallax" / "views").glob("*.py")]
    lines = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in files}
    assert {name: n for name, n in lines.items() if n > MOST_LINES} == {}
