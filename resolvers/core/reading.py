"""The generic read path every resource shares: one record, pages of records, and
batched lookups of records (neighbours: `resolvers.core.relations`; sums and groups:
`resolvers.core.aggregates`).

`where` is the filter grammar as plain data, the same for GraphQL and REST:
{"company": {"contains": "foods"}, "or": [...], "customer": {"country": {"eq": "AE"}}}
- field names are column names; a bare value means eq ({"active": True});
- operators: eq, ne, in, notIn, lt, lte, gt, gte, between ([low, high], inclusive),
  contains and startsWith (text, ignoring case), isNull (true/false); eq null is isNull;
  several operators on one field must all hold; ne and notIn keep rows whose value is null;
- and: [filters], or: [filters], not: filter;
- a relation name nests a filter on the neighbour: a `one` relation matches when its
  neighbour does, `many` and `through` when some neighbour does;
- values are coerced to the column's type (REST may send "2024-05-01" or "1"); unknown
  fields and operators, hidden columns and bad values are `Invalid` naming the field.
`order` is a sequence of `Order(field, "asc"|"desc", "first"|"last"|None)`; nulls go last
unless told, ties are broken by id.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import ColumnElement, func, select

from resolvers.core.context import Ctx, Row
from resolvers.core.filtering import Where, matching, search_clause
from resolvers.core.ordering import Order, sorting
from resolvers.core.pagination import Page, PageArgs, Window
from resolvers.core.permissions import require
from resolvers.core.records import fetch, fetch_many
from resolvers.core.resources import Resource

__all__ = [
    "Order",
    "Query",
    "Where",
    "get_record",
    "list_records",
    "records_by_id",
    "search_clause",
]


@dataclass(frozen=True, eq=False)
class Query:
    """A list request as plain data; hashable, so loaders can be keyed by it."""

    page: PageArgs = PageArgs()
    where: Where | None = None
    order: tuple[Order, ...] = ()
    search: str | None = None
    # Whether the caller needs the total count, and the rows: a statement each.
    count: bool = False
    rows: bool = True

    @cached_property
    def _key(self) -> tuple[Any, ...]:
        # Filters are nested dicts and lists: their canonical JSON is their identity.
        where = None if self.where is None else json.dumps(self.where, sort_keys=True, default=repr)
        return (where, self.page, self.order, self.search, self.count, self.rows)

    def __hash__(self) -> int:
        return hash(self._key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Query) and other._key == self._key

    @property
    def action(self) -> str:
        return "search" if self.search or self.where else "get"


async def get_record(ctx: Ctx, res: Resource, record_id: int) -> Row | None:
    require(ctx.principal, res.grant, "get")
    async with ctx.db.read() as conn:
        return await fetch(conn, res.table, record_id)


async def records_by_id(ctx: Ctx, res: Resource, ids: Sequence[int]) -> list[Row | None]:
    """Batch function: the live record for each id, in key order (None when missing)."""
    require(ctx.principal, res.grant, "get")
    async with ctx.db.read() as conn:
        found = await fetch_many(conn, res.table, ids)
    return [found.get(i) for i in ids]


async def list_records(
    ctx: Ctx,
    res: Resource,
    page: PageArgs,
    *,
    where: Where | None = None,
    order: Sequence[Order] = (),
    search: str | None = None,
    scope: Sequence[ColumnElement[bool]] = (),
    count: bool = True,
    rows: bool = True,
) -> Page:
    """A page of live records matching the filter, the search words and the scope, with
    the total count of all of them unless `count` is False (and no rows, only the
    count, when `rows` is False)."""
    require(ctx.principal, res.grant, "search" if search or where else "get")
    table = res.table
    clauses = matching(ctx, res, where=where, search=search, scope=scope)
    window = Window.of(sorting(res, order, ctx.db.dialect), page)
    query = (
        select(table)
        .where(*clauses, *window.bounds)
        .order_by(*window.order_by)
        .limit(window.limit)
        .offset(page.skip)
    )

    async def found() -> list[Row]:
        if not rows:
            return []
        async with ctx.db.read() as conn:
            return [r._mapping for r in await conn.execute(query)]

    async def total() -> int | None:
        if not count:
            return None
        async with ctx.db.read() as conn:
            return int(await conn.scalar(select(func.count()).where(*clauses)) or 0)

    # Two pooled connections, so the count does not wait for the page.
    listed, counted = await asyncio.gather(found(), total())
    return window.page(listed, counted)
