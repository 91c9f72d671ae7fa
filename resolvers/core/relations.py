"""Neighbours, batched: one statement per relation per nesting level, whatever the
number of parents.

A `many`/`through` page is read for every parent at once: ROW_NUMBER() OVER (PARTITION
BY the owner's key ORDER BY the page's order) numbers each parent's neighbours, and the
outer query keeps the numbers inside the page. The total per parent is one grouped
count, read only when asked for. `one` neighbours load by id (`reading.records_by_id`).

The `load_*` helpers go through the request's loaders (`ctx.loader`), keyed by the
relation and the whole query, so different arguments never share a batch.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, FromClause, func, select

from resolvers.core.aggregates import (
    EMPTY,
    MAX_GROUPS,
    Aggregates,
    AggregateSpec,
    Group,
    Grouping,
    figures,
    grouped,
    key_value,
    measures,
    too_many_groups,
)
from resolvers.core.context import Ctx, Row
from resolvers.core.filtering import Hop, hop, matching, require_neighbours
from resolvers.core.ordering import sorting
from resolvers.core.pagination import Page, Window
from resolvers.core.reading import Query, records_by_id
from resolvers.core.resources import Resource, resource


def neighbours(owner: str, name: str) -> Hop:
    step = hop(resource(owner), name)
    if step.relation.kind == "one":
        raise ValueError(f"{owner}.{name} is a one relation: load it with load_one")
    return step


def _scope(
    ctx: Ctx, step: Hop, query: Query, keys: Sequence[int]
) -> tuple[FromClause, ColumnElement[Any], list[ColumnElement[bool]]]:
    """FROM, the owner's key, and the WHERE clauses of the neighbours of `keys`."""
    require_neighbours(ctx, step, query.action)
    table = step.target.table
    source, owner_key = step.reach(table)
    clauses = matching(ctx, step.target, where=query.where, search=query.search)
    return source, owner_key, [*clauses, *step.matches(table), owner_key.in_(set(keys))]


async def related_pages(
    ctx: Ctx, owner: str, name: str, query: Query, keys: Sequence[int]
) -> list[Page]:
    """Batch function: a page of each owner's neighbours, in key order."""
    step = neighbours(owner, name)
    source, owner_key, clauses = _scope(ctx, step, query, keys)
    window = Window.of(sorting(step.target, query.order, ctx.db.dialect), query.page)
    rank = func.row_number().over(partition_by=owner_key, order_by=window.order_by)
    ranked = (
        select(step.target.table, owner_key.label("_owner"), rank.label("_rank"))
        .select_from(source)
        .where(*clauses, *window.bounds)
        .subquery()
    )
    skip = query.page.skip
    page_query = (
        select(ranked)
        .where(ranked.c._rank > skip, ranked.c._rank <= skip + window.limit)
        .order_by(ranked.c._owner, ranked.c._rank)
    )

    async def rows() -> dict[Any, list[Row]]:
        found: dict[Any, list[Row]] = {k: [] for k in keys}
        if not query.rows:
            return found
        async with ctx.db.read() as conn:
            for r in await conn.execute(page_query):
                found[r._mapping["_owner"]].append(r._mapping)
        return found

    async def totals() -> dict[Any, int] | None:
        if not query.count:
            return None
        counting = select(owner_key, func.count()).select_from(source).where(*clauses)
        async with ctx.db.read() as conn:
            return {k: int(n) for k, n in await conn.execute(counting.group_by(owner_key))}

    found, counted = await asyncio.gather(rows(), totals())
    return [window.page(found[k], None if counted is None else counted.get(k, 0)) for k in keys]


async def related_aggregates(
    ctx: Ctx, owner: str, name: str, query: Query, spec: AggregateSpec, keys: Sequence[int]
) -> list[Aggregates]:
    """Batch function: the figures over each owner's filtered neighbours, in key order."""
    step = neighbours(owner, name)
    source, owner_key, clauses = _scope(ctx, step, query, keys)
    statement = (
        select(owner_key.label("_owner"), *measures(step.target, spec))
        .select_from(source)
        .where(*clauses)
        .group_by(owner_key)
    )
    async with ctx.db.read() as conn:
        rows = {r._mapping["_owner"]: r._mapping for r in await conn.execute(statement)}
    return [figures(step.target, spec, rows[k]) if k in rows else EMPTY for k in keys]


async def related_groups(
    ctx: Ctx, owner: str, name: str, query: Query, grouping: Grouping, keys: Sequence[int]
) -> list[list[Group]]:
    """Batch function: each owner's neighbours grouped, in key order."""
    step = neighbours(owner, name)
    source, owner_key, clauses = _scope(ctx, step, query, keys)
    base = (
        select(owner_key.label("_owner"), *measures(step.target, grouping.spec))
        .select_from(source)
        .where(*clauses)
    )
    # Read at most MAX_GROUPS per owner and one more: one more means some owner has more.
    bound = len(set(keys)) * MAX_GROUPS
    statement = grouped(step.target, grouping, ctx.db.dialect, base, owner_key).limit(bound + 1)
    found: dict[Any, list[Group]] = {k: [] for k in keys}
    async with ctx.db.read() as conn:
        rows = [r._mapping for r in await conn.execute(statement)]
    if len(rows) > bound:
        raise too_many_groups(grouping)
    for row in rows:
        group = Group(key_value(grouping, row["key"]), figures(step.target, grouping.spec, row))
        found[row["_owner"]].append(group)
    if any(len(groups) > MAX_GROUPS for groups in found.values()):
        raise too_many_groups(grouping)
    return [found[k] for k in keys]


async def ones_of(ctx: Ctx, owner: Resource, name: str, rows: Sequence[Row]) -> list[Row | None]:
    """The `one` neighbour of each row, in row order, batched by id with every other
    caller in the same tick."""
    step = hop(owner, name)
    column = step.relation.column
    keys = list(dict.fromkeys(r[column] for r in rows if r[column] is not None))
    found = dict(
        zip(keys, await ctx.loader(records_by_id, step.target).load_many(keys), strict=True)
    )
    return [found.get(r[column]) for r in rows]


def load_one(ctx: Ctx, owner: Resource, name: str, row: Row) -> Awaitable[Row | None]:
    """The `one` neighbour of `row` (None when unset or gone), batched by id."""
    step = hop(owner, name)
    key = row[step.relation.column]
    if key is None:
        return _none()
    loader = ctx.loader(records_by_id, step.target)
    result: Awaitable[Row | None] = loader.load(key)
    return result


async def _none() -> None:
    return None


def load_page(ctx: Ctx, owner: Resource, name: str, query: Query, owner_id: int) -> Awaitable[Page]:
    result: Awaitable[Page] = ctx.loader(related_pages, owner.name, name, query).load(owner_id)
    return result


def load_aggregates(
    ctx: Ctx, owner: Resource, name: str, query: Query, spec: AggregateSpec, owner_id: int
) -> Awaitable[Aggregates]:
    loader = ctx.loader(related_aggregates, owner.name, name, query, spec)
    result: Awaitable[Aggregates] = loader.load(owner_id)
    return result


def load_groups(
    ctx: Ctx, owner: Resource, name: str, query: Query, grouping: Grouping, owner_id: int
) -> Awaitable[list[Group]]:
    loader = ctx.loader(related_groups, owner.name, name, query, grouping)
    result: Awaitable[list[Group]] = loader.load(owner_id)
    return result
