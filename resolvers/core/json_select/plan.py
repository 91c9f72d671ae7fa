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


def _parts(plan: Plan) -> Iterator[tuple[Any, str]]:
    """Every part of the plan, depth first, with the resource whose records it is read
    from (a node's fields: the node's resource; a connection's parts: its records')."""

    def node(n: NodePlan) -> Iterator[tuple[Any, str]]:
        for f in n.fields:
            yield f, n.resource
            if isinstance(f, One):
                yield from node(f.node)
            elif isinstance(f, Many):
                target = resource(n.resource).relations[f.relation].target
                yield from connection(f.connection, target)

    def connection(c: ConnectionPlan, target: str) -> Iterator[tuple[Any, str]]:
        for f in c.fields:
            # A page's info, edges and figures are parts too.
            for part in (f, *getattr(f, "fields", ())):
                yield part, target
                if isinstance(part, Nodes | EdgeNode):
                    yield from node(part.node)

    for root in plan.fields:
        yield root, ""
        if isinstance(root, Record):
            yield from node(root.node)
        elif isinstance(root, Listing):
            yield from connection(root.connection, root.resource)


def grants(plan: Plan) -> Iterator[tuple[str, str]]:
    """The (permission resource, action) pairs the normal read path checks for `plan`."""
    for f, owner in _parts(plan):
        if isinstance(f, Record):
            yield resource(f.resource).grant, "get"
        elif isinstance(f, One):
            # A `one` neighbour is read by id under its own permission (records_by_id).
            yield _target(owner, f.relation).grant, "get"
        elif isinstance(f, Listing | Many):
            # Neighbours are read under their own permission (require_neighbours).
            target = resource(f.resource) if isinstance(f, Listing) else _target(owner, f.relation)
            yield target.grant, f.connection.action
            if f.connection.where is not None:
                # A filter through a relation reads the neighbours (require_neighbours).
                for step in f.connection.where.reached(target):
                    yield step.target.grant, "get"
        elif isinstance(f, Nodes | EdgeNode) and f.node.resource != owner:
            raise ValueError(f"nodes of {f.node.resource} under a {owner} connection")


def _target(owner: str, relation: str) -> Resource:
    return resource(resource(owner).relations[relation].target)


def record_ids(plan: Plan) -> list[int]:
    """The ids of the root records, in the order the statement binds them."""
    return [f.pk for f in plan.fields if isinstance(f, Record)]


def connection_keys(plan: Plan) -> frozenset[str] | None:
    """The response keys of the plan's connections (its listings and `many` pages), for
    counting them in an answer's text; None when one of those keys also names another
    object of the answer (a record, a `one` neighbour, a page's info), which the text
    could not tell apart."""
    connections = {f.key for f, _ in _parts(plan) if isinstance(f, Listing | Many)}
    # Figures' objects (`aggregate`, `sum`...) are not connections.
    shown = Record | One | EdgeNode | PageInfo | Aggregate | GroupBy | Figures
    others = {f.key for f, _ in _parts(plan) if isinstance(f, shown)}
    return None if connections & others else frozenset(connections)
