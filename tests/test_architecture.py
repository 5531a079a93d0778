"""The core (`parallax`, `embeddings`) is a library: it never imports Streamlit or the app's `components`."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
CORE = ("parallax", "embeddings")
SHELL = ("streamlit", "components")

# Run first in each subprocess: Streamlit is missing and `components` cannot be imported at all.
BLOCK_THE_SHELL = textwrap.dedent(
    """
    import importlib.abc
    import sys

    sys.modules["streamlit"] = None

    class NoComponents(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "components" or name.startswith("components."):
                raise ImportError(f"the core imported {name}")
            return None

    sys.meta_path.insert(0, NoComponents())
    for shell in ("streamlit", "components"):
        try:
            __import__(shell)
        except ImportError:
            pass
        else:
            raise SystemExit(f"{shell} is still importable, so this check would prove nothing")
    """
)

IMPORT_EVERY_MODULE = textwrap.dedent(
    """
    import importlib
    import pkgutil

    def fail(name):
        raise ImportError(f"could not import the package {name}")

    names = []
    for root in ("parallax", "embeddings"):
        package = importlib.import_module(root)
        names.append(root)
        for info in pkgutil.walk_packages(package.__path__, root + ".", onerror=fail):
            if info.name != "parallax.__main__":  # runs the CLI; the --help check covers it
                names.append(info.name)
    for name in names:
        importlib.import_module(name)
    print("\\n".join(names))
    """
)

RUN_HELP = textwrap.dedent(
    """
    import runpy

    sys.argv = ["parallax", "--help"]
    runpy.run_module("parallax", run_name="__main__", alter_sys=True)
    """
)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_THE_SHELL + code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_every_core_module_imports_without_streamlit_or_components():
    done = _run(IMPORT_EVERY_MODULE)
    assert done.returncode == 0, done.stderr
    imported = done.stdout.split()
    assert {"parallax.report", "parallax.plots.emphasis", "parallax.cli", "embeddings.cache"} <= set(imported)


def test_the_command_line_runs_without_streamlit_or_components():
    done = _run(RUN_HELP)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage:") and "compare" in done.stdout


def imported_roots(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, top-level package) of every import in the tree, nested and dynamic ones included."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name.split(".")[0]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]
        elif (
            isinstance(node, ast.Call)
            and (ast.unparse(node.func) in ("__import__", "importlib.import_module", "import_module"))
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value.split(".")[0]


@pytest.mark.parametrize(
    "source",
    [
        "import streamlit as st",
        "def page():\n    from components.figures import coverage_heatmap",
        "try:\n    import components.state\nexcept ImportError:\n    pass",
        "import importlib\nimportlib.import_module('streamlit.runtime')",
    ],
)
def test_the_import_check_sees_every_kind_of_import(source):
    assert {root for _, root in imported_roots(ast.parse(source))} & set(SHELL)


def test_no_core_module_mentions_an_import_of_the_shell():
    files = sorted(path for package in CORE for path in (ROOT / package).rglob("*.py"))
    assert len(files) > 20
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {root}"
        for path in files
        for line, root in imported_roots(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        if root in SHELL
    ]
    assert found == []


# Run in a fresh process: compare two short articles on the command line, then draw the app's first page.
WITHOUT_TORCH = textwrap.dedent(
    """
    import os
    import sys
    import tempfile
    from pathlib import Path

    from parallax.cli import main

    folder = Path(tempfile.mkdtemp())
    (folder / "a.txt").write_text("The port reopened on Tuesday after storm repairs. Forty boats returned.")
    (folder / "b.txt").write_text("Boats came back to the port on Tuesday. The repairs took three weeks.")
    assert main(["compare", "--json", str(folder / "out.json"), str(folder / "a.txt"), str(folder / "b.txt")]) == 0
    print("cli", "torch" in sys.modules, "sentence_transformers" in sys.modules)

    from streamlit.testing.v1 import AppTest

    os.environ["PARALLAX_DATA_DIR"] = str(folder)
    page = AppTest.from_file("app.py", default_timeout=240).run()
    assert not page.exception, page.exception
    print("app", "torch" in sys.modules, "sentence_transformers" in sys.modules)
    """
)


def test_neither_the_command_line_nor_the_app_imports_torch_on_the_default_backend():
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_TORCH], cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**__import__("os").environ, "HF_HUB_OFFLINE": "1"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[-3:-1] == ["cli False False", "app False False"], done.stdout
