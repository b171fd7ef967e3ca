"""The import graph of poalint/: no cycles (lazy imports inside functions included), and the pool
knows nothing about the linter."""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "poalint"


def module_names() -> dict[str, Path]:
    names = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def imports_of(path: Path, known: dict[str, Path]) -> set[str]:
    """poalint modules imported by `path`, anywhere but under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    resolved = set()
    for name in found:
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name.startswith("poalint"):
            resolved.add(name)
    return resolved


def graph() -> dict[str, set[str]]:
    known = module_names()
    return {name: imports_of(path, known) - {name} for name, path in known.items()}


def test_no_import_cycles():
    try:
        order = list(TopologicalSorter(graph()).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None
    assert set(order) == set(module_names())


def test_every_module_imports_in_a_fresh_interpreter_dependencies_first():
    order = list(TopologicalSorter(graph()).static_order())
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    result = subprocess.run(
        [sys.executable, "-c", code, *order], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_pool_knows_nothing_about_the_linter():
    assert imports_of(PACKAGE / "run" / "pool.py", module_names()) == set()


def test_the_graph_sees_lazy_imports():
    """The check must be able to fail: a function-level import is an edge."""
    edges = graph()
    assert "poalint.app.files" in edges["poalint.app.session"]  # imported inside lint_paths
    assert "poalint.app.linter" not in edges["poalint.app.files"]  # only under TYPE_CHECKING
