"""Relay connections: edges, nodes, pageInfo and totalCount over a page of rows, the
arguments every connection takes, and the lookahead that decides what to read.

Each node type gets its own subclass (CustomerConnection...) with `aggregate` and
`groupBy` (see `schema.aggregates`); the connection keeps where its rows came from
(`source`) so those figures are computed only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, Self, TypeVar

import strawberry
from graphql import FieldNode, FragmentDefinitionNode, FragmentSpreadNode, SelectionNode
from strawberry.annotation import StrawberryAnnotation
from strawberry.types.arguments import StrawberryArgument

from resolvers.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageArgs
from resolvers.core.reading import Order, Query
from schema.context import Info
from schema.filters import to_plain
from schema.node import lazy, type_ref
from schema.ordering import to_order

T = TypeVar("T")


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    nodes: list[T]
    page_info: PageInfo
    total_count: int = strawberry.field(
        description="All records matching the filter and search, across pages."
    )
    page: strawberry.Private[Page]
    source: strawberry.Private[Any] = None

    @strawberry.field
    def edges(self) -> list[Edge[T]]:
        # Cursors cost an encoding per row, so only queries that read edges pay for them.
        cursor = self.page.cursor
        rows = self.page.rows
        return [Edge(cursor=cursor(r), node=n) for r, n in zip(rows, self.nodes, strict=True)]

    @classmethod
    def from_page(cls, page: Page, nodes: Sequence[T], source: Any = None) -> Self:
        rows = page.rows
        return cls(
            nodes=list(nodes),
            page_info=PageInfo(
                has_next_page=page.has_next,
                has_previous_page=page.has_previous,
                start_cursor=page.cursor(rows[0]) if rows else None,
                end_cursor=page.cursor(rows[-1]) if rows else None,
            ),
            # Read only when the query selects totalCount (see `list_query`).
            total_count=page.total or 0,
            page=page,
            source=source,
        )


# Lookahead reads graphql-core's field nodes (by name) rather than Strawberry's
# `info.selected_fields`, which converts the whole subtree and its arguments on every
# call: a cost paid once per parent by every nested connection.
Fragments = dict[str, FragmentDefinitionNode]


def subfields(fields: Iterable[FieldNode], fragments: Fragments) -> Iterator[FieldNode]:
    """The fields selected under `fields`, looking through fragments."""
    for field in fields:
        if field.selection_set is not None:
            yield from _flatten(field.selection_set.selections, fragments)


def _flatten(selections: Iterable[SelectionNode], fragments: Fragments) -> Iterator[FieldNode]:
    for selection in selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                yield from _flatten(fragment.selection_set.selections, fragments)
        else:
            yield from _flatten(selection.selection_set.selections, fragments)  # type: ignore[attr-defined]


def child_fields(info: Info) -> Iterator[FieldNode]:
    """The fields selected under the one being resolved."""
    raw = info._raw_info
    return subfields(raw.field_nodes, raw.fragments)


def node_fields(connection: Iterable[FieldNode], fragments: Fragments) -> Iterator[FieldNode]:
    """The fields selected on the nodes of a connection, under `nodes` or `edges.node`."""
    for field in connection:
        if field.name.value == "nodes":
            yield from subfields([field], fragments)
        elif field.name.value == "edges":
            for edge in subfields([field], fragments):
                if edge.name.value == "node":
                    yield from subfields([edge], fragments)


def _argument(name: str, annotation: StrawberryAnnotation, description: str) -> StrawberryArgument:
    return StrawberryArgument(
        python_name=name,
        graphql_name=None,
        type_annotation=annotation,
        default=strawberry.UNSET,
        description=description,
    )


def connection_arguments(target: str) -> list[StrawberryArgument]:
    """first/after/last/before/filter/orderBy/search over the resource `target`."""
    page = f"(default {DEFAULT_PAGE_SIZE}, at most {MAX_PAGE_SIZE})"
    return [
        _argument("first", StrawberryAnnotation(int | None), f"The first n records {page}."),
        _argument("after", StrawberryAnnotation(str | None), "Records after this cursor."),
        _argument("last", StrawberryAnnotation(int | None), f"The last n records {page}."),
        _argument("before", StrawberryAnnotation(str | None), "Records before this cursor."),
        _argument("filter", lazy(f"{type_ref(target, 'Filter')} | None"), "Conditions to meet."),
        _argument(
            "order_by",
            lazy(f"list[{type_ref(target, 'OrderBy')}] | None"),
            "Sort keys in turn; ties fall to the id.",
        ),
        _argument(
            "search",
            StrawberryAnnotation(str | None),
            "Every word must appear in one of the searchable fields.",
        ),
    ]


def list_query(info: Info, args: dict[str, Any], default_order: Sequence[Order] = ()) -> Query:
    """The connection arguments as the service layer's Query, reading the rows and the
    count only when the selection needs them."""

    def arg(name: str) -> Any:
        value = args.get(name)
        return None if value is strawberry.UNSET else value

    selected = {f.name.value for f in child_fields(info)}
    return Query(
        page=PageArgs(
            first=arg("first"), after=arg("after"), last=arg("last"), before=arg("before")
        ),
        where=to_plain(arg("filter")) or None,
        order=to_order(arg("order_by")) or tuple(default_order),
        search=arg("search") or None,
        count="totalCount" in selected,
        rows=not selected.isdisjoint(("nodes", "edges", "pageInfo")),
    )


def nothing_to_read(query: Query) -> Page | None:
    """The empty page of a connection that selects only its figures: no statement."""
    return None if query.rows or query.count else Page((), False, False, None)
