"""Small modules and small functions (issue 11): no module of ``src/annonces`` over 500
lines, no function over 80 lines (docstring included)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "annonces"
MAX_MODULE, MAX_FUNCTION = 500, 80


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def long_functions(path: Path) -> list[tuple[str, int]]:
    """``(name, lines)`` of the functions and methods of ``path`` over :data:`MAX_FUNCTION` lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > MAX_FUNCTION:
                out.append((f"{path.relative_to(SRC)}:{node.lineno} {node.name}", lines))
    return out


def test_no_module_over_500_lines() -> None:
    big = {str(p.relative_to(SRC)): n for p in _modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE}
    assert big == {}


def test_no_function_over_80_lines() -> None:
    assert [f for p in _modules() for f in long_functions(p)] == []
