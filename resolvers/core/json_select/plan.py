"""What a compiled read asks for, as plain data: which records, which of their columns
under which output names, which neighbours, in what order and how many.

A plan is hashable and its record ids do not take part in its identity, so plans of the
same shape share one compiled statement (see `resolvers.core.json_select.statement`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from resolvers.core.filtering import Hop, filter_clause
from resolvers.core.ordering import Order
from resolvers.core.pagination import PageArgs
from resolvers.core.resources import Resource, resource


@dataclass(frozen=True)
class Constant:
    """A fixed output value: `__typename`, `hasPreviousPage` on a first page."""

    key: str
    value: str | bool


@dataclass(frozen=True)
class GlobalId:
    key: str
    type_name: str


@dataclass(frozen=True)
class Value:
    """A column of the row. `labels` maps the codes of an enum column to their names;
    `int32` marks an Int the output must fit (GraphQL's Int is 32 bits)."""

    key: str
    column: str
    labels: tuple[tuple[int, str], ...] | None = None
    int32: bool = False


@dataclass(frozen=True)
class One:
    """The `one` neighbour through the owner's relation `relation`, or null."""

    key: str
    relation: str
    node: NodePlan


@dataclass(frozen=True)
class Many:
    """A page of the `many`/`through` neighbours through the owner's relation."""

    key: str
    relation: str
    connection: ConnectionPlan


NodeField = Constant | GlobalId | Value | One | Many


@dataclass(frozen=True)
class NodePlan:
    resource: str
    fields: tuple[NodeField, ...]


@dataclass(frozen=True)
class Nested:
    """An output object: the record `node` builds."""

    key: str
    node: NodePlan


class Nodes(Nested):
    """The page as a list of its records."""


@dataclass(frozen=True)
class Keyed:
    """An output value computed from the page, not from a column: only its key varies."""

    key: str


class TotalCount(Keyed): ...


class HasNextPage(Keyed): ...


class HasPreviousPage(Keyed): ...


class StartCursor(Keyed): ...


class EndCursor(Keyed): ...


@dataclass(frozen=True)
class PageInfo:
    key: str
    fields: tuple[Constant | HasNextPage | HasPreviousPage | StartCursor | EndCursor, ...]


class Cursor(Keyed):
    """An edge's cursor: `resolvers.core.pagination.encode_cursor` of its row."""


class EdgeNode(Nested): ...


@dataclass(frozen=True)
class Edges:
    """The page as edges, each an object of these fields (`cursor`, `node`...)."""

    key: str
    fields: tuple[Constant | Cursor | EdgeNode, ...]


class Count(Keyed):
    """How many records match (in a group, how many the group holds)."""


@dataclass(frozen=True)
class Figure:
    """One column's figure under its kind: `sum { total }`'s `total`."""

    key: str
    column: str


@dataclass(frozen=True)
class Figures:
    """`sum`, `avg`, `min` or `max`: an object of one figure per column
    (`resolvers.core.aggregates.measures` computes them)."""

    key: str
    kind: str
    fields: tuple[Constant | Figure, ...]


class GroupKey(Keyed):
    """A group's key, as `schema.aggregates.AggregateTypes.build_group` shows it."""


@dataclass(frozen=True)
class Aggregate:
    """Figures over every record the connection's filter passes (no page bounds)."""

    key: str
    fields: tuple[Constant | Count | Figures, ...]


@dataclass(frozen=True)
class GroupBy:
    """The matching records grouped by `column` (truncated to a day, month or year),
    in key order, nulls last; `labels` names an enum column's codes."""

    key: str
    column: str
    truncate: str | None
    labels: tuple[tuple[int, str], ...] | None
    fields: tuple[Constant | Count | Figures | GroupKey, ...]


ConnectionField = Constant | Nodes | Edges | TotalCount | PageInfo | Aggregate | GroupBy


@dataclass(frozen=True)
class Filter:
    """A connection's filter in the plain grammar (`resolvers.core.reading`). The grammar is
    nested dicts and lists, so the filter's identity is its canonical JSON; its values
    are bound as the statement's parameters."""

    key: str
    where: Any = field(compare=False, hash=False)

    @classmethod
    def of(cls, where: Any) -> Filter:
        return cls(json.dumps(where, sort_keys=True, default=repr), where)

    def reached(self, res: Resource) -> list[Hop]:
        """The relations the filter goes through, in the order the normal path checks
        the caller may read them; Invalid for a filter the normal path refuses."""
        found: list[Hop] = []
        filter_clause(res, self.where, res.table, found.append)
        return found


@dataclass(frozen=True)
class ConnectionPlan:
    """A page of `page.size` records in `order` (ties by id), after or before a cursor
    (`page`), of the records passing `where`."""

    fields: tuple[ConnectionField, ...]
    page: PageArgs = PageArgs()
    order: tuple[Order, ...] = ()
    where: Filter | None = None

    @cached_property
    def action(self) -> str:
        """The action the normal path requires on the records (`reading.Query.action`)."""
        return "search" if self.where is not None else "get"


@dataclass(frozen=True)
class Record:
    """A root field: one record by its id, or null."""

    key: str
    resource: str
    node: NodePlan
    # Not part of the plan's shape: the statement takes it as a parameter.
    pk: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Listing:
    """A root field: a page of a resource's records."""

    key: str
    resource: str
    connection: ConnectionPlan


RootField = Constant | Record | Listing


@dataclass(frozen=True)
class Plan:
    fields: tuple[RootField, ...]


def grants(plan: Plan) -> Iterator[tuple[str, str]]:
    """The (permission resource, action) pairs the normal read path checks for `plan`."""
    for root in plan.fields:
        if isinstance(root, Record):
            yield resource(root.resource).grant, "get"
            yield from _node_grants(root.node)
        elif isinstance(root, Listing):
            yield resource(root.resource).grant, root.connection.action
            yield from _connection_grants(root.connection, root.resource)


def _node_grants(node: NodePlan) -> Iterator[tuple[str, str]]:
    owner = resource(node.resource)
    for f in node.fields:
        if isinstance(f, One):
            # A `one` neighbour is read by id under its own permission (records_by_id).
            yield _target(owner, f.relation).grant, "get"
            yield from _node_grants(f.node)
        elif isinstance(f, Many):
            relation = owner.relations[f.relation]
            # Neighbours are read under their own permission (require_neighbours).
            yield _target(owner, f.relation).grant, f.connection.action
            yield from _connection_grants(f.connection, relation.target)


def _connection_grants(connection: ConnectionPlan, target: str) -> Iterator[tuple[str, str]]:
    if connection.where is not None:
        # A filter through a relation reads the neighbours (filtering.require_neighbours).
        for step in connection.where.reached(resource(target)):
            yield step.target.grant, "get"
    for f in connection.fields:
        nodes = [f.node] if isinstance(f, Nodes) else []
        if isinstance(f, Edges):
            nodes = [e.node for e in f.fields if isinstance(e, EdgeNode)]
        for node in nodes:
            if node.resource != target:
                raise ValueError(f"nodes of {node.resource} under a {target} connection")
            yield from _node_grants(node)


def _target(owner: Resource, relation: str) -> Resource:
    return resource(owner.relations[relation].target)


def record_ids(plan: Plan) -> list[int]:
    """The ids of the root records, in the order the statement binds them."""
    return [f.pk for f in plan.fields if isinstance(f, Record)]


def connection_keys(plan: Plan) -> frozenset[str] | None:
    """The response keys of the plan's connections (its listings and `many` pages), for
    counting them in an answer's text; None when one of those keys also names another
    object of the answer (a record, a `one` neighbour, a page's info), which the text
    could not tell apart."""
    connections: set[str] = set()
    others: set[str] = set()

    def node(n: NodePlan) -> None:
        for f in n.fields:
            if isinstance(f, One):
                others.add(f.key)
                node(f.node)
            elif isinstance(f, Many):
                connections.add(f.key)
                connection(f.connection)

    def connection(c: ConnectionPlan) -> None:
        for f in c.fields:
            if isinstance(f, PageInfo | Aggregate | GroupBy):
                # Figures' objects (`aggregate`, `sum`...) are not connections.
                others.add(f.key)
                others.update(g.key for g in f.fields if isinstance(g, Figures))
            elif isinstance(f, Nodes):
                node(f.node)
            elif isinstance(f, Edges):
                for e in f.fields:
                    if isinstance(e, EdgeNode):
                        others.add(e.key)
                        node(e.node)

    for root in plan.fields:
        if isinstance(root, Record):
            others.add(root.key)
            node(root.node)
        elif isinstance(root, Listing):
            connections.add(root.key)
            connection(root.connection)
    return None if connections & others else frozenset(connections)
