"""Declaring the graph: node types, their relation fields and the root fields, a line each.

    from resolvers.invoices import INVOICES, get_invoice, list_invoices
    from resolvers.core.reading import Order
    from schema.fields import connection_field, graph_node, record_field, relation_field
    from schema.node import Node, RowType

    @graph_node(INVOICES, get_invoice)
    @strawberry.type(name="Invoice")
    class InvoiceType(RowType, Node):
        number: str
        total: Decimal
        customer = relation_field("customer")
        items = relation_field("items", order=[Order("item_order")])

    @strawberry.type
    class InvoiceQuery:
        invoice = record_field(INVOICES)
        invoices = connection_field(INVOICES, list_invoices)

- `graph_node(resource, fetch)` registers a node type over a resource's rows. Its plain
  fields must be columns of the resource's table (`from_row` copies them); `id` and
  `databaseId` come from Node. From the resource and those fields it generates
  XFilter (the fields, databaseId, the foreign keys, the relation fields, and/or/not),
  XOrderField and XOrderBy, XGroupingField, XAggregate/XSumFields/XAvgFields/XMinFields/
  XMaxFields, XGrouping and XConnection, X being the type's GraphQL name. A field typed
  as an enum (stored as its code) is filtered by that enum's values (an EFilter per
  enum E), grouped under the value's name, and left out of the sums.
- `relation_field(name)` exposes the Relation `name` the resource declares (`relate()` in
  resolvers/): a `one` relation is the neighbour or null; `many` and `through` are an
  XConnection with first/after/last/before/filter/orderBy/search, aggregate and groupBy,
  read in one batched statement per nesting level. `order` is the default order; ties
  always fall to the id. The neighbour's node type may be declared anywhere, before or
  after; the module declaring the relation must be imported first.
- `connection_field(resource, list_fn)` is the root list (list_fn defaults to
  `reading.list_records` for the resource); `record_field(resource)` the single record by
  `id` or `databaseId`.
totalCount, aggregate and groupBy cost a statement each, and only when selected.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import strawberry
from graphql import FieldNode
from strawberry.types.field import StrawberryField
from strawberry.utils.str_converters import to_camel_case

from resolvers.core import reading, relations
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Forbidden
from resolvers.core.filtering import visible_columns
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.reading import Order, Query
from resolvers.core.resources import Resource
from schema.aggregates import NeighbourSource, RootSource, aggregate_types, connection_type
from schema.connection import (
    Fragments,
    child_fields,
    connection_arguments,
    list_query,
    node_fields,
    nothing_to_read,
    subfields,
)
from schema.context import Info
from schema.filters import enum_fields, filter_input
from schema.ids import decode_id
from schema.node import NodeBatch, NodeFetcher, RowType, lazy, publish, type_ref
from schema.ordering import order_input

N = TypeVar("N", bound=RowType)
ListFn = Callable[..., Awaitable[Page]]


@dataclass(frozen=True)
class RootRead:
    """What a root field reads, declared for the compiled path (schema.compiled.catalog):
    one record of `resource`, or (`many`) its connection in `order` through `list_fn`."""

    resource: Resource
    many: bool
    order: tuple[Order, ...] = ()
    list_fn: ListFn | None = None


# Each root field's resolver and what it reads.
ROOT_READS: dict[Callable[..., Any], RootRead] = {}
EDGE = "crm.edge"


@dataclass(frozen=True)
class GraphNode:
    """What the graph knows of a node type: its resource, class and connection type."""

    resource: Resource
    node: type[RowType]
    fetch: NodeFetcher
    connection: Any
    # Its `one` relation fields, by GraphQL name.
    ones: dict[str, _Edge] = field(default_factory=dict)

    async def connection_of(self, info: Info, page: Page, source: Any) -> Any:
        from_row = self.node.from_row
        nodes = [from_row(r) for r in page.rows]
        if nodes and self.ones:
            fragments = info._raw_info.fragments
            selected = node_fields(child_fields(info), fragments)
            await self.prefetch(info.context.ctx, nodes, selected, fragments)
        return self.connection.from_page(page, nodes, source)

    async def prefetch(
        self, ctx: Ctx, nodes: Sequence[Any], selected: Iterable[FieldNode], fragments: Fragments
    ) -> None:
        """Load the `one` neighbours the selection asks for, for all `nodes` at once, so
        each node answers them without an await of its own."""
        wanted: dict[str, tuple[_Edge, list[FieldNode]]] = {}
        for f in selected:
            edge = self.ones.get(f.name.value)
            if edge is not None:
                wanted.setdefault(edge.name, (edge, []))[1].extend(subfields([f], fragments))
        if nodes and wanted:
            await asyncio.gather(
                *(e.prefetch(ctx, nodes, sub, fragments) for e, sub in wanted.values())
            )


# Node types by resource name.
GRAPH: dict[str, GraphNode] = {}


@dataclass(eq=False)
class _Edge:
    """A relation field, bound to its owner when the owner's node type registers."""

    name: str
    order: tuple[Order, ...]
    owner: Resource | None = None
    kind: str = ""
    target: str = ""

    def bind(self, owner: Resource, strawberry_field: StrawberryField, type_name: str) -> str:
        relation = owner.relations.get(self.name)
        if relation is None:
            raise LookupError(
                f"{type_name}.{self.name}: {owner.name} declares no relation {self.name!r}; "
                "import the module that relate()s it before the schema"
            )
        self.owner, self.kind, self.target = owner, relation.kind, relation.target
        if self.kind == "one":
            strawberry_field.type_annotation = lazy(f"{type_ref(self.target, 'Node')} | None")
            strawberry_field.arguments = []
        else:
            # Nullable: an edge the caller may not read is null with a FORBIDDEN error at
            # its path, and its siblings still answer.
            strawberry_field.type_annotation = lazy(f"{type_ref(self.target, 'Connection')} | None")
            strawberry_field.arguments = connection_arguments(self.target)
        return self.target

    def resolve(self, root: RowType, info: Info, args: dict[str, Any]) -> Any:
        """The neighbour, when a prefetch put it on the node already; else an awaitable."""
        if self.kind == "one":
            related = root.__dict__.get("_related")
            if related is not None and self.name in related:
                return related[self.name]
            return self._one(root, info)
        return self._many(root, info, args)

    async def _one(self, root: RowType, info: Info) -> Any:
        assert self.owner is not None
        row = await relations.load_one(info.context.ctx, self.owner, self.name, root._row)
        return GRAPH[self.target].node.maybe(row)

    async def _many(self, root: RowType, info: Info, args: dict[str, Any]) -> Any:
        assert self.owner is not None, "relation_field on a type graph_node did not register"
        ctx = info.context.ctx
        query = list_query(info, args, self.order)
        owner_id: int = root._row["id"]
        page = nothing_to_read(query) or await relations.load_page(
            ctx, self.owner, self.name, query, owner_id
        )
        scope = Query(where=query.where, search=query.search)
        source = NeighbourSource(ctx, self.owner, self.name, scope, owner_id)
        return await GRAPH[self.target].connection_of(info, page, source)

    async def prefetch(
        self, ctx: Ctx, nodes: Sequence[Any], selected: list[FieldNode], fragments: Fragments
    ) -> None:
        assert self.owner is not None
        try:
            rows = await relations.ones_of(ctx, self.owner, self.name, [n._row for n in nodes])
        except Forbidden:
            # Left unloaded, each node's own resolve raises it at its path, and the list stands.
            return
        target = GRAPH[self.target]
        # Nodes sharing a neighbour share its object: it is built once.
        built: dict[Any, Any] = {}
        for node, row in zip(nodes, rows, strict=True):
            neighbour = None
            if row is not None:
                neighbour = built.get(row["id"])
                if neighbour is None:
                    neighbour = built[row["id"]] = target.node.from_row(row)
            node.__dict__.setdefault("_related", {})[self.name] = neighbour
        await target.prefetch(ctx, list(built.values()), selected, fragments)


def relation_field(
    name: str, *, description: str | None = None, order: Sequence[Order] = ()
) -> Any:
    """The neighbour(s) through the Relation `name` of the node's resource."""
    edge = _Edge(name, tuple(order))

    # Not async: a prefetched neighbour is answered without an await.
    def resolve(root: Any, info: Info, **args: Any) -> Any:
        return edge.resolve(root, info, args)

    relation = strawberry.field(resolver=resolve, description=description, metadata={EDGE: edge})
    # Resolved lazily: the neighbour's type is known once its module registers it (graph_node).
    relation.type_annotation = lazy("object")
    return relation


def connection_field(
    resource: Resource,
    list_fn: ListFn | None = None,
    *,
    description: str | None = None,
    order: Sequence[Order] = (),
) -> Any:
    """The root connection over `resource`; `list_fn(ctx, page, where=, order=, search=,
    count=, rows=)` is the domain's list verb (default: reading.list_records)."""

    async def resolve(info: Info, **args: Any) -> Any:
        ctx = info.context.ctx
        query = list_query(info, args, order)
        page = nothing_to_read(query) or await (list_fn or _lister(resource))(
            ctx, query.page, where=query.where, order=query.order, search=query.search,
            count=query.count, rows=query.rows,
        )  # fmt: skip
        source = RootSource(ctx, resource, query.where, query.search)
        return await GRAPH[resource.name].connection_of(info, page, source)

    ROOT_READS[resolve] = RootRead(resource, True, tuple(order), list_fn)
    root = strawberry.field(
        resolver=resolve,
        description=description or f"{resource.label} records, a page at a time.",
    )
    # Nullable, as nested connections are: a root list the caller may not read (or that
    # fails) is null with its error at its path, and the other root fields still answer.
    root.type_annotation = lazy(f"{type_ref(resource.name, 'Connection')} | None")
    root.arguments = connection_arguments(resource.name)
    return root


def _records_of(resource: Resource) -> NodeBatch:
    # Through the request's loader: shared with `one` neighbours read in the same tick.
    def records(ctx: Ctx, ids: Sequence[int]) -> Awaitable[list[Row | None]]:
        result: Awaitable[list[Row | None]] = ctx.loader(reading.records_by_id, resource).load_many(
            ids
        )
        return result

    return records


def _lister(resource: Resource) -> ListFn:
    async def list_resource(ctx: Ctx, page: PageArgs, **query: Any) -> Page:
        return await reading.list_records(ctx, resource, page, **query)

    return list_resource


def record_field(resource: Resource) -> Any:
    """One record of `resource` by `id` (global) or `databaseId`, or null."""

    async def resolve(
        info: Info, id: strawberry.ID | None = None, database_id: int | None = None
    ) -> Any:
        graph = GRAPH[resource.name]
        pk = database_id if database_id is not None else decode_id(id, graph.node)
        return graph.node.maybe(await graph.fetch(info.context.ctx, pk))

    ROOT_READS[resolve] = RootRead(resource, False)
    one = strawberry.field(
        resolver=resolve,
        description=f"A {resource.label.lower()} by its id or databaseId.",
    )
    one.type_annotation = lazy(f"{type_ref(resource.name, 'Node')} | None")
    return one


def graph_node(
    resource: Resource, fetch: NodeFetcher, batch: NodeBatch | None = None
) -> Callable[[type[N]], type[N]]:
    """Register a Strawberry node type over `resource` and generate its inputs, figures
    and connection; apply it above @strawberry.type. `batch` reads many of its ids at once
    for `nodes(ids:)`, under the same permission rule as `fetch`; by default the
    resource's generic read (`reading.records_by_id`), which suits every `fetch` built on
    `reading.get_record`."""

    def register(cls: type[N]) -> type[N]:
        definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
        type_name: str = definition.name
        columns = visible_columns(resource)
        plain = tuple(
            f.python_name
            for f in definition.fields
            if f.base_resolver is None and f.python_name not in ("id", "database_id")
        )
        unknown = [c for c in plain if c not in columns]
        if unknown:
            raise TypeError(f"{type_name}: {unknown} are not columns of {resource.name}")
        cls.register(plain, fetch, batch or _records_of(resource))
        edges: list[tuple[str, str]] = []
        ones: dict[str, _Edge] = {}
        for f in definition.fields:
            edge = f.metadata.get(EDGE) if f.metadata else None
            if isinstance(edge, _Edge):
                edges.append((edge.name, edge.bind(resource, f, type_name)))
                if edge.kind == "one":
                    ones[f.graphql_name or to_camel_case(f.python_name)] = edge
        keys = [r.column for r in resource.relations.values() if r.kind == "one"]
        fields = tuple(dict.fromkeys(("id", *plain, *(k for k in keys if k in columns))))
        clash = {name for name, _ in edges} & set(fields)
        if clash:
            raise TypeError(f"{type_name}: {clash} are both fields and relations")
        # Columns the type shows as an enum are filtered and grouped by its values.
        enums = {c: e for c, e in enum_fields(definition).items() if c in plain}
        _, order_by = order_input(type_name, fields)
        figures = aggregate_types(resource, type_name, plain, fields, enums)
        connection = connection_type(cls, type_name, figures)
        publish(resource.name, "Node", cls)
        publish(resource.name, "Filter", filter_input(resource, type_name, fields, edges, enums))
        publish(resource.name, "OrderBy", order_by)
        publish(resource.name, "Connection", connection)
        GRAPH[resource.name] = GraphNode(resource, cls, fetch, connection, ones)
        return cls

    return register
