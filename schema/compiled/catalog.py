"""What the compiled path may answer, read once per schema from its Strawberry types:
the root fields built by `record_field`/`connection_field` over a plain read, and for
each node type the fields that are columns, ids or relation edges.

A field left out here (a computed field, an aggregate, a custom root) makes a query
that selects it take the normal path.
"""

from __future__ import annotations

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

from resolvers.core.filtering import python_type, visible_columns
from resolvers.core.json_select.bypass import is_generic_read
from resolvers.core.ordering import Order
from resolvers.core.resources import Resource
from resolvers.models.types import Fixed, UTCDateTime
from schema.aggregates import FIGURES, AggregateTypes
from schema.fields import EDGE, GRAPH, ROOT_READS, GraphNode, _Edge
from schema.node import NODE_READS, RowType


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
    """A root `record_field` (order is None) or `connection_field`. `pages` is False for
    a connection over a domain's own list verb: only its figures (`aggregate`, `groupBy`,
    which never call the verb: `schema.connection.nothing_to_read`) are compiled."""

    resource: Resource
    order: tuple[Order, ...] | None
    pages: bool = True


@dataclass(frozen=True)
class Catalog:
    nodes: dict[str, NodeType]
    roots: dict[str, RootField]
    # A connection type's name -> the figures its `aggregate` and `groupBy` answer.
    figures: dict[str, AggregateTypes] = field(default_factory=dict)
    # Root fields that read any record by its global id (`node`), and the node types
    # whose fetcher is their generic read: a `node(id:)` of one answers as its root field.
    node_roots: frozenset[str] = frozenset()
    fetched: frozenset[str] = frozenset()


@lru_cache(maxsize=8)
def catalog_of(schema: strawberry.Schema) -> Catalog:
    nodes: dict[str, NodeType] = {}
    figures: dict[str, AggregateTypes] = {}
    fetched: set[str] = set()
    for graph in GRAPH.values():
        node = _node_type(schema, graph)
        if node is not None:
            nodes[node.name] = node
            if is_generic_read(graph.fetch, graph.resource):
                fetched.add(node.name)
        name = graph.connection.__strawberry_definition__.name
        if name in FIGURES:
            figures[name] = FIGURES[name]
    return Catalog(nodes, _roots(schema), figures, _node_roots(schema), frozenset(fetched))


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


def _node_roots(schema: strawberry.Schema) -> frozenset[str]:
    query = schema.query.__strawberry_definition__  # type: ignore[attr-defined]
    return frozenset(
        schema.config.name_converter.get_graphql_name(f)
        for f in query.fields
        if getattr(f.base_resolver, "wrapped_func", None) in NODE_READS
    )


def _roots(schema: strawberry.Schema) -> dict[str, RootField]:
    roots: dict[str, RootField] = {}
    query = schema.query.__strawberry_definition__  # type: ignore[attr-defined]
    for f in query.fields:
        read = ROOT_READS.get(getattr(f.base_resolver, "wrapped_func", None))  # type: ignore[arg-type]
        if read is None or read.resource.name not in GRAPH:
            continue
        res, name = read.resource, schema.config.name_converter.get_graphql_name(f)
        # Bypassed only where declared: the generic read itself, or a domain function
        # declared to be it (`resolvers.core.json_select.bypass.generic_read`).
        if not read.many:
            if is_generic_read(GRAPH[res.name].fetch, res):
                roots[name] = RootField(res, None)
        else:
            pages = read.list_fn is None or is_generic_read(read.list_fn, res)
            roots[name] = RootField(res, read.order, pages)
    return roots
