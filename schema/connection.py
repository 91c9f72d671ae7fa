"""Relay connections: edges, nodes, pageInfo and totalCount over a page of rows."""

from __future__ import annotations

from typing import Generic, TypeVar

import strawberry

from resolvers.pagination import Page

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
    edges: list[Edge[T]]
    nodes: list[T]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_page(cls, page: Page, nodes: list[T]) -> Connection[T]:
        cursors = [page.cursor(row) for row in page.rows]
        return cls(
            edges=[Edge(cursor=c, node=n) for c, n in zip(cursors, nodes, strict=True)],
            nodes=nodes,
            page_info=PageInfo(
                has_next_page=page.has_next,
                has_previous_page=page.has_previous,
                start_cursor=cursors[0] if cursors else None,
                end_cursor=cursors[-1] if cursors else None,
            ),
            total_count=page.total,
        )
