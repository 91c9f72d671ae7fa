"""The dependency rule: gateway -> {schema, rest_compat} -> resolvers.
Every module is parsed, and every import in it (at the top, inside functions, under
TYPE_CHECKING) is checked against what its package may know."""

from __future__ import annotations

import ast
import sys
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


# Calls that import a module named by a string: importlib.import_module("x"), __import__("x").
DYNAMIC = {"import_module", "__import__"}


def _dynamic(node: ast.Call) -> str | None:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name in DYNAMIC and node.args and isinstance(node.args[0], ast.Constant):
        value = node.args[0].value
        return value if isinstance(value, str) else None
    return None


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and (module := _dynamic(node)) is not None:
            found.append((node.lineno, module))
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


def test_the_check_sees_modules_imported_by_name() -> None:
    tree = ast.parse(
        "import importlib\n"
        "def f():\n"
        "    importlib.import_module('schema.errors')\n"
        "    return __import__('starlette.requests')\n"
    )
    assert imported(tree) == [(1, "importlib"), (3, "schema.errors"), (4, "starlette.requests")]


@pytest.mark.parametrize(
    ("package", "source"),
    [
        ("resolvers", "from strawberry import ID"),
        ("resolvers", "import starlette.requests"),
        ("resolvers", "from rest_compat.routing import Endpoint"),
        ("schema", "from gateway.app import create_app"),
        ("schema", "from rest_compat import ROUTES"),
        ("rest_compat", "from schema.errors import UserError"),
        ("rest_compat", "import gateway.settings"),
    ],
)
def test_each_forbidden_import_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, package: str, source: str
) -> None:
    module = tmp_path / package / "bad.py"
    module.parent.mkdir()
    module.write_text(source + "\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert violations(package) == [f"{Path(package, 'bad.py')}:1 imports {source.split()[1]}"]
