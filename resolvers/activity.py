"""The event log read as a feed: a record's own events and those filed under it.

Ticket history, project activity and lead activities are all this one feed. Events name
their resource in the singular ("ticket"); a child event (a task under a project, a
comment under a task) carries its parent in parent_resource/parent_id.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import and_, case, func, or_, select

from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid, NotFound
from resolvers.core.filtering import matching
from resolvers.core.ordering import sorting
from resolvers.core.pagination import Page, PageArgs, Window
from resolvers.core.permissions import require
from resolvers.core.reading import list_records
from resolvers.core.records import fetch
from resolvers.core.resources import REGISTRY, Resource
from resolvers.models import Event, table_of

events = table_of(Event)

# The feeds there are, by the event resource name, with the permission each is read under.
FEEDS = {
    "customer": "customers", "contact": "contacts", "lead": "leads", "project": "projects",
    "milestone": "milestones", "task": "tasks", "timesheet": "timesheets", "ticket": "tickets",
    "contract": "contracts", "subscription": "subscriptions", "invoice": "invoices",
    "estimate": "estimates", "proposal": "proposals", "credit_note": "credit_notes",
    "expense": "expenses", "staff": "staff",
}  # fmt: skip


def _resource(name: str) -> str:
    """The event resource for a feed named either way ("tickets" or "ticket")."""
    if name in FEEDS:
        return name
    for singular, plural in FEEDS.items():
        if plural == name:
            return singular
    raise Invalid.field("resource", f"no activity feed for {name!r}")


def _entry(row: Row) -> Row:
    entry = dict(row)
    entry["changes"] = json.loads(entry["changes"] or "{}")
    return entry


async def feed(ctx: Ctx, resource: str, record_id: int, page: PageArgs) -> Page:
    """A record's events and its children's, oldest first; `changes` is decoded JSON."""
    name = _resource(resource)
    grant = FEEDS[name]
    require(ctx.principal, grant, "get")
    scope = [
        or_(
            and_(events.c.resource == name, events.c.record_id == record_id),
            and_(events.c.parent_resource == name, events.c.parent_id == record_id),
        )
    ]
    registered = REGISTRY.get(grant)
    if registered is not None:
        async with ctx.db.read() as conn:
            # A deleted record keeps its history; one that never existed has none to show.
            if await fetch(conn, registered.table, record_id, deleted=True) is None:
                raise NotFound(registered.label, record_id)
    found = await list_records(ctx, _log(grant), page, scope=scope)
    return replace(found, rows=[_entry(r) for r in found.rows])


def _log(grant: str) -> Resource:
    # The log read under the feed's own permission; not registered, so not in the graph.
    return Resource(name="events", model=Event, label="Event", permission=grant)


async def feeds(
    ctx: Ctx, resource: str, page: PageArgs, count: bool, record_ids: Sequence[int]
) -> list[Page]:
    """Batch function: `feed` for many records of one resource in one statement (plus
    one for the totals when `count`), in key order. For records the caller has just
    read, so unlike `feed` it does not check that each exists."""
    name = _resource(resource)
    grant = FEEDS[name]
    require(ctx.principal, grant, "get")
    log = _log(grant)
    keys = set(record_ids)
    own = and_(events.c.resource == name, events.c.record_id.in_(keys))
    child = and_(events.c.parent_resource == name, events.c.parent_id.in_(keys))
    # An event is filed under one record of a feed: no event's parent is of its own kind.
    owner = case((own, events.c.record_id), else_=events.c.parent_id)
    clauses = matching(ctx, log, scope=[or_(own, child)])
    window = Window.of(sorting(log, (), ctx.db.dialect), page)
    rank = func.row_number().over(partition_by=owner, order_by=window.order_by)
    ranked = (
        select(events, owner.label("_owner"), rank.label("_rank"))
        .where(*clauses, *window.bounds)
        .subquery()
    )
    skip = page.skip
    rows_query = (
        select(ranked)
        .where(ranked.c._rank > skip, ranked.c._rank <= skip + window.limit)
        .order_by(ranked.c._owner, ranked.c._rank)
    )
    columns = [c.name for c in events.columns]

    async def rows() -> dict[Any, list[Row]]:
        found: dict[Any, list[Row]] = {k: [] for k in record_ids}
        async with ctx.db.read() as conn:
            for r in await conn.execute(rows_query):
                row = r._mapping
                found[row["_owner"]].append(_entry({c: row[c] for c in columns}))
        return found

    async def totals() -> dict[Any, int] | None:
        if not count:
            return None
        # Grouped by a subquery's column: PostgreSQL would not match a CASE with bound
        # parameters in GROUP BY to the same CASE in the select list.
        owners = select(owner.label("_owner")).where(*clauses).subquery()
        counting = select(owners.c._owner, func.count()).group_by(owners.c._owner)
        async with ctx.db.read() as conn:
            return {k: int(n) for k, n in await conn.execute(counting)}

    found, counted = await asyncio.gather(rows(), totals())
    return [
        window.page(found[k], None if counted is None else counted.get(k, 0)) for k in record_ids
    ]
