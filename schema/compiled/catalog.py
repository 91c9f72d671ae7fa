"""What the compiled path may answer, read once per schema from its Strawberry types:
the root fields built by `record_field`/`connection_field` over a plain read, and for
each node type the fields that are columns, ids or relation edges.

A field left out here (a computed field, an aggregate, a custom root) makes a query
that selects it take the normal path.
"""

from __future__ import annotations

import builtins
import dis
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any

import strawberry
from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLType,
)

from resolvers import reading
from resolvers.filtering import python_type, visible_columns
from resolvers.models.types import Fixed, UTCDateTime
from resolvers.ordering import Order
from resolvers.resources import Resource
from schema.fields import EDGE, GRAPH, GraphNode, _Edge
from schema.node import RowType


@dataclass(frozen=True)
class Column:
    column: str
    labels: tuple[tuple[int, str], ...] | None = None
    int32: bool = False


@dataclass(frozen=True)
class GlobalIdField:
    """The node's global id, computed in SQL from its type name and key."""


@dataclass(frozen=True)
class EdgeField:
    edge: _Edge


NodeFieldSpec = Column | GlobalIdField | EdgeField


@dataclass(frozen=True)
class NodeType:
    name: str
    resource: Resource
    graphql: GraphQLObjectType
    fields: dict[str, NodeFieldSpec] = field(default_factory=dict)


@dataclass(frozen=True)
class RootField:
    """A root `record_field` (order is None) or `connection_field`."""

    resource: Resource
    order: tuple[Order, ...] | None


@dataclass(frozen=True)
class Catalog:
    nodes: dict[str, NodeType]
    roots: dict[str, RootField]


@lru_cache(maxsize=8)
def catalog_of(schema: strawberry.Schema) -> Catalog:
    nodes: dict[str, NodeType] = {}
    for graph in GRAPH.values():
        node = _node_type(schema, graph)
        if node is not None:
            nodes[node.name] = node
    return Catalog(nodes, _roots(schema))


def _node_type(schema: strawberry.Schema, graph: GraphNode) -> NodeType | None:
    cls = graph.node
    # A type that builds itself otherwise than from its columns answers its own way.
    if getattr(cls.from_row, "__func__", None) is not RowType.from_row.__func__:  # type: ignore[attr-defined]
        return None
    definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
    graphql = schema._schema.type_map.get(definition.name)
    if not isinstance(graphql, GraphQLObjectType):
        return None
    node = NodeType(definition.name, graph.resource, graphql)
    columns = visible_columns(graph.resource)
    for f in definition.fields:
        name = schema.config.name_converter.get_graphql_name(f)
        target = graphql.fields.get(name)
        if target is None:
            continue
        spec: NodeFieldSpec | None = None
        edge = f.metadata.get(EDGE) if f.metadata else None
        if f.python_name == "id":
            spec = GlobalIdField()
        elif f.python_name == "database_id":
            spec = Column("id", int32=True)
        elif isinstance(edge, _Edge):
            spec = EdgeField(edge)
        elif f.base_resolver is None and f.python_name in cls._columns:
            spec = _column(columns[f.python_name], target.type)
        if spec is not None:
            node.fields[name] = spec
    return node


# GraphQL scalars and the column kinds whose values they show unchanged.
_SCALARS: dict[str, Callable[[Any], bool]] = {
    "String": lambda c: python_type(c) is str,
    "Int": lambda c: python_type(c) is int,
    "Boolean": lambda c: python_type(c) is bool,
    "Decimal": lambda c: isinstance(c.type, Fixed),
    "Date": lambda c: python_type(c).__name__ == "date",
    "DateTime": lambda c: isinstance(c.type, UTCDateTime),
}


def _column(column: Any, output: GraphQLType) -> Column | None:
    required = isinstance(output, GraphQLNonNull)
    named = output.of_type if isinstance(output, GraphQLNonNull) else output
    if required and column.nullable:
        # The normal path would answer an error for a null: leave it to it.
        return None
    if isinstance(named, GraphQLEnumType):
        if python_type(column) is not int:
            return None
        labels = []
        for label, value in named.values.items():
            code = value.value.value if isinstance(value.value, Enum) else value.value
            if not isinstance(code, int) or named.serialize(code) != label:
                return None
            labels.append((code, label))
        return Column(column.name, tuple(labels))
    if isinstance(named, GraphQLScalarType) and named.name in _SCALARS:
        if not _SCALARS[named.name](column):
            return None
        return Column(column.name, int32=named.name == "Int")
    return None


def connection_nodes(output: GraphQLType) -> tuple[GraphQLObjectType, str] | None:
    """A connection type and the name of its node type."""
    named = output.of_type if isinstance(output, GraphQLNonNull) else output
    if not isinstance(named, GraphQLObjectType) or "nodes" not in named.fields:
        return None
    nodes = named.fields["nodes"].type
    while isinstance(nodes, GraphQLNonNull | GraphQLList):
        nodes = nodes.of_type
    return (named, nodes.name) if isinstance(nodes, GraphQLObjectType) else None


def _roots(schema: strawberry.Schema) -> dict[str, RootField]:
    roots: dict[str, RootField] = {}
    query = schema.query.__strawberry_definition__  # type: ignore[attr-defined]
    for f in query.fields:
        resolver = f.base_resolver
        fn = getattr(resolver, "wrapped_func", None)
        if fn is None or fn.__module__ != "schema.fields":
            continue
        cells = _closure(fn)
        res = cells.get("resource")
        if not isinstance(res, Resource) or res.name not in GRAPH:
            continue
        name = schema.config.name_converter.get_graphql_name(f)
        if fn.__qualname__ == "record_field.<locals>.resolve":
            if delegates(GRAPH[res.name].fetch, reading.get_record, res):
                roots[name] = RootField(res, None)
        elif fn.__qualname__ == "connection_field.<locals>.resolve":
            list_fn = cells.get("list_fn")
            if list_fn is None or delegates(list_fn, reading.list_records, res):
                roots[name] = RootField(res, tuple(cells.get("order") or ()))
    return roots


def _closure(fn: Any) -> dict[str, Any]:
    cells = fn.__closure__ or ()
    return dict(zip(fn.__code__.co_freevars, (c.cell_contents for c in cells), strict=True))


# What `return await target(ctx, RESOURCE, *args)` compiles to, and nothing more.
_PLAIN_OPS = frozenset({
    "RETURN_GENERATOR", "POP_TOP", "RESUME", "COPY_FREE_VARS", "MAKE_CELL", "NOP", "CACHE",
    "LOAD_GLOBAL", "LOAD_ATTR", "LOAD_METHOD", "LOAD_FAST", "LOAD_DEREF", "LOAD_CONST",
    "PUSH_NULL", "PRECALL", "CALL", "BUILD_TUPLE", "BUILD_MAP", "DICT_MERGE",
    "CALL_FUNCTION_EX", "GET_AWAITABLE", "SEND", "YIELD_VALUE", "JUMP_BACKWARD_NO_INTERRUPT",
    "RETURN_VALUE", "END_SEND", "CLEANUP_THROW",
})  # fmt: skip
_MISSING = object()


def delegates(fn: Any, target: Any, res: Resource) -> bool:
    """Whether `fn` only returns `await target(ctx, res, <its own arguments in order>)`:
    a domain verb that adds no rule of its own to the generic read."""
    code = getattr(fn, "__code__", None)
    if code is None or not inspect.iscoroutinefunction(fn):
        return False
    cells = _closure(fn)
    loaded: list[Any] = []
    arguments: list[str] = []
    for instruction in dis.get_instructions(fn):
        op, value = instruction.opname, instruction.argval
        if op not in _PLAIN_OPS:
            return False
        if op == "LOAD_GLOBAL":
            loaded.append(fn.__globals__.get(value, getattr(builtins, value, _MISSING)))
        elif op == "LOAD_DEREF":
            loaded.append(cells.get(value, _MISSING))
        elif op in ("LOAD_ATTR", "LOAD_METHOD"):
            if not loaded:
                return False
            loaded.append(getattr(loaded.pop(), value, _MISSING))
        elif op == "LOAD_FAST":
            arguments.append(value)
        elif op == "LOAD_CONST" and value is not None:
            return False
    flags = code.co_flags
    count = (
        code.co_argcount
        + code.co_kwonlyargcount
        + bool(flags & inspect.CO_VARARGS)
        + bool(flags & inspect.CO_VARKEYWORDS)
    )
    return (
        len(loaded) == 2
        and loaded[0] is target
        and loaded[1] is res
        and arguments == list(code.co_varnames[:count])
    )
