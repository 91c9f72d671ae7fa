"""Every write a REST row reaches, GraphQL reaches too.

The service operations behind every non-GET row of every dialect are collected (through
the wrappers rest_compat puts around them), and each must be reachable from the GraphQL
schema: a generic verb (`resolvers.core.writes.operation`) through its generated mutation, any
other function by being referenced from a module in schema/. There is no list of known
gaps: any REST write GraphQL cannot reach fails.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from collections.abc import Callable, Iterator
from types import FunctionType, ModuleType
from typing import Any

import schema as schema_package
from gateway.settings import Settings
from resolvers.core import writes
from resolvers.core.resources import REGISTRY
from rest_compat import route_tables
from schema import schema
from schema.writes import GENERATED

SETTINGS = Settings(secret_key="test-secret-key-that-is-long-enough-for-hs256")


def _name(function: Callable[..., Any]) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def _referenced(source: str, namespace: dict[str, Any]) -> Iterator[Any]:
    """The objects `source` names through `namespace`: `f` and `module.f`."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and node.id in namespace:
            yield namespace[node.id]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = namespace.get(node.value.id)
            if isinstance(owner, ModuleType):
                yield getattr(owner, node.attr, None)


def _services(operation: Callable[..., Any]) -> set[str]:
    """The service functions a route's operation calls: itself if it is one, else those
    its wrapper closes over or names (rest_compat's adapters)."""
    if writes.verb_of(operation) or operation.__module__.startswith("resolvers."):
        return {_name(operation)}
    found: set[str] = set()
    for cell in operation.__closure__ or ():
        value = cell.cell_contents
        if isinstance(value, FunctionType):
            found |= _services(value)
    if found or not isinstance(operation, FunctionType):
        return found
    source = textwrap.dedent(inspect.getsource(operation))
    for target in _referenced(source, operation.__globals__):
        # Service operations are coroutines; a plain function it names (must_exist) is a
        # helper, not a write.
        if (
            inspect.iscoroutinefunction(target)
            and isinstance(target, FunctionType)
            and target.__module__.startswith("resolvers.")
        ):
            found.add(_name(target))
    # An adapter that calls no service function by name is itself the operation.
    return found or {_name(operation)}


def rest_writes() -> dict[str, list[str]]:
    """Service operation -> the rows (dialect, method, path) that write through it."""
    found: dict[str, list[str]] = {}
    for dialect, rows in route_tables(SETTINGS):
        for row in rows:
            if row.method == "GET":
                continue
            for service in _services(row.operation):
                found.setdefault(service, []).append(f"{dialect.name} {row.method} {row.path}")
    return found


def graphql_writes() -> set[str]:
    """Every service operation the schema reaches: the generated verbs' and the functions
    the schema's modules reference."""
    mutation_type = schema._schema.mutation_type
    assert mutation_type is not None
    mutations = set(mutation_type.fields)
    reached: set[str] = set()
    for (resource, verb), name in GENERATED.items():
        if name in mutations and REGISTRY[resource].verbs is not None:
            reached.add(f"resolvers.core.writes.{verb}_{resource}")
    for info in pkgutil.walk_packages(schema_package.__path__, "schema."):
        module = importlib.import_module(info.name)
        try:
            source = inspect.getsource(module)
        except OSError:
            continue
        for target in _referenced(source, vars(module)):
            if isinstance(target, FunctionType):
                reached.add(_name(target))
    return reached


def test_graphql_reaches_every_write_rest_does() -> None:
    rest = rest_writes()
    reached = graphql_writes()

    gaps = {service: rows for service, rows in rest.items() if service not in reached}

    assert gaps == {}, "REST writes GraphQL cannot reach: generate or write their mutations"


def test_contacts_are_written_through_the_generated_mutations() -> None:
    rest = rest_writes()

    for verb in ("create", "update", "delete"):
        assert f"resolvers.core.writes.{verb}_contacts" in rest
        assert f"resolvers.core.writes.{verb}_contacts" in graphql_writes()
