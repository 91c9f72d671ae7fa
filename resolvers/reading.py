"""The generic read path every resource shares: one record, pages of records, and
batched lookups of records and of their neighbours.

`where` is the filter grammar as plain data, the same for GraphQL and REST:
{"company": {"contains": "foods"}, "or": [...], "customer": {"country": {"eq": "AE"}}}
with operators eq, ne, in, notIn, lt, lte, gt, gte, between, contains, startsWith,
isNull, combined with and/or/not; a relation name nests a filter on that neighbour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, or_, select

from resolvers.context import Ctx, Row
from resolvers.pagination import Page, PageArgs, paginate
from resolvers.permissions import require
from resolvers.records import fetch, fetch_many, live
from resolvers.resources import Resource

Where = Mapping[str, Any]


@dataclass(frozen=True)
class Order:
    field: str
    direction: Literal["asc", "desc"] = "asc"
    nulls: Literal["first", "last"] | None = None


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


def search_clause(res: Resource, term: str) -> list[ColumnElement[bool]]:
    """Every word of the term must appear in one of the resource's search columns."""
    columns = [res.table.c[name] for name in res.search]
    return [or_(*(c.ilike(f"%{word}%") for c in columns)) for word in term.split() if columns]


async def list_records(
    ctx: Ctx,
    res: Resource,
    page: PageArgs,
    *,
    where: Where | None = None,
    order: Sequence[Order] = (),
    search: str | None = None,
    scope: Sequence[ColumnElement[bool]] = (),
) -> Page:
    """A page of live records matching the filter, the search words and the scope."""
    require(ctx.principal, res.grant, "search" if search or where else "get")
    table = res.table
    query = select(table).where(live(table), *scope)
    if search:
        query = query.where(*search_clause(res, search))
    if where or order:
        raise NotImplementedError("filters and ordering arrive with the GraphQL graph issue")
    async with ctx.db.read() as conn:
        return await paginate(conn, query, table, page)
