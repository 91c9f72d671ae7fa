"""The dependency rule: gateway -> {schema, rest_compat} -> resolvers.
Every module is parsed, and every import in it (at the top, inside functions, under
TYPE_CHECKING) is checked against what its package may know."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What each package must never import: the layers above it and, for the service layer,
# the transports' frameworks.
FORBIDDEN = {
    "resolvers": {"gateway", "schema", "rest_compat", "strawberry", "starlette"},
    "schema": {"gateway", "rest_compat", "starlette"},
    "rest_compat": {"gateway", "schema", "strawberry"},
}


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def violations(package: str) -> list[str]:
    banned = FORBIDDEN[package]
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for line, module in imported(ast.parse(path.read_text(), str(path))):
            if module.split(".")[0] in banned:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_module_imports_against_the_dependency_rule(package: str) -> None:
    assert violations(package) == []


def test_the_check_sees_imports_inside_functions() -> None:
    tree = ast.parse("def f():\n    from gateway.app import create_app\n")
    assert imported(tree) == [(2, "gateway.app")]
