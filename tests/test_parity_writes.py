"""Every write a REST row reaches, GraphQL reaches too.

The service operations behind every non-GET row of every dialect are collected (through
the wrappers rest_compat puts around them), and each must be reachable from the GraphQL
schema: a generic verb (`resolvers.writes.operation`) through its generated mutation, any
other function by being referenced from a module in schema/. What GraphQL cannot do yet is
listed in KNOWN_GAPS; a new gap fails, and a gap that closes must leave the list.
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
from resolvers import writes
from resolvers.resources import REGISTRY
from rest_compat import route_tables
from schema import schema

SETTINGS = Settings(secret_key="test-secret-key-that-is-long-enough-for-hs256")

# Writes only REST can do today, by service operation; later slices of issue 15 close them.
KNOWN_GAPS = {
    # Perfex's third-party custom tables: no GraphQL type yet.
    "resolvers.custom_tables.create_custom_row",
    "resolvers.custom_tables.update_custom_row",
    "resolvers.custom_tables.delete_custom_row",
    # Customer verbs beyond the ordinary four: create with contacts in one call, a batch,
    # bulk archive/restore/delete, merge and purge.
    "resolvers.customers.contact_sets.create_customer_with_contacts",
    "resolvers.customers.lifecycle.create_customers",
    "resolvers.customers.lifecycle.bulk_customers",
    "resolvers.customers.lifecycle.merge_customers",
    "resolvers.customers.lifecycle.purge_customer",
    # Uploads over REST (a single file, a ticket reply with files).
    "resolvers.files.attach_file",
    "resolvers.tickets.replies.reply_with_files",
    # REST's payment create (GraphQL's recordPayment calls payments.record_payment).
    "resolvers.payments.create_payment",
}


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
        if isinstance(target, FunctionType) and target.__module__.startswith("resolvers."):
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
    for resource in REGISTRY.values():
        for verb in ("create", "update", "delete", "restore"):
            if resource.verbs is not None and f"{verb}{resource.label}" in mutations:
                reached.add(f"resolvers.writes.{verb}_{resource.name}")
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


def test_graphql_reaches_every_write_rest_does_but_the_known_gaps() -> None:
    rest = rest_writes()
    reached = graphql_writes()

    gaps = {service for service in rest if service not in reached}
    new = {service: rest[service] for service in gaps - KNOWN_GAPS}
    assert new == {}, "REST writes GraphQL cannot reach: generate or write their mutations"
    closed = KNOWN_GAPS - gaps
    assert closed == set(), "closed gaps: remove them from KNOWN_GAPS"


def test_contacts_are_written_through_the_generated_mutations() -> None:
    rest = rest_writes()

    for verb in ("create", "update", "delete"):
        assert f"resolvers.writes.{verb}_contacts" in rest
        assert f"resolvers.writes.{verb}_contacts" in graphql_writes()
