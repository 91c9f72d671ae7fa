"""The change feed: the event log read in order, for clients that poll (`list_changes`)
and for the per-process tail that feeds live subscriptions (`changes_after`).

An event's position is its id. Ids are handed out when a transaction inserts its event
and become visible when it commits, so on PostgreSQL a later id can show up before an
earlier one; the log never loses either. A reader therefore only moves past a gap in the
ids once the event after it is older than SETTLING: a poll may wait that long for a slow
transaction, and only one open longer than that can be missed.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Ctx, Database
from resolvers.core.errors import Invalid, Unauthenticated
from resolvers.core.permissions import ALL, Principal
from resolvers.core.resources import REGISTRY, Resource
from resolvers.models import Event, table_of

events = table_of(Event)

DEFAULT_FIRST = 50
MAX_FIRST = 100
MAX_TYPES = 50
SETTLING = timedelta(seconds=5)
# How many of the newest positions a reader checks for gaps.
TAIL = 200
# Event names that are not their resource's label or name.
ALIASES = {"staff_member": "staff"}


@dataclass(frozen=True)
class Change:
    id: int  # the event's position in the log
    type: str  # "invoice.paid"
    resource: str  # as the log names it: "invoice"
    record_id: int
    actor_type: str  # "staff", "token" or "system"
    actor_id: int | None
    changes: Mapping[str, Any]
    parent_resource: str | None
    parent_id: int | None
    created_at: datetime

    @property
    def owner(self) -> Resource | None:
        """The registered resource the record belongs to, when there is one."""
        return resource_of_event(self.resource)

    @property
    def fields(self) -> list[str]:
        return sorted(self.changes)


@dataclass(frozen=True)
class ChangePage:
    changes: list[Change]
    # The next poll asks for changes after this position.
    cursor: int
    has_more: bool
    # The time of the last change returned (or the poll's start), for clients that poll
    # by time rather than position.
    next_since: datetime


@cache
def _event_names() -> dict[str, Resource]:
    # Built on first use, once every domain module has registered its resources.
    names: dict[str, Resource] = {}
    for res in REGISTRY.values():
        singular = res.label.lower().replace(" ", "_")
        for name in (res.name, res.name.removesuffix("s"), _singular(res.name), singular):
            names.setdefault(ALIASES.get(name, name), res)
    return names


def _singular(name: str) -> str:
    return name[:-3] + "y" if name.endswith("ies") else name.removesuffix("s")


def resource_of_event(name: str) -> Resource | None:
    """The resource an event's records belong to: "credit_note" -> credit_notes."""
    return _event_names().get(name)


def visible(principal: Principal | None, change: Change) -> bool:
    """Whether the caller may see a change: it may `get` the record's resource."""
    if principal is None:
        return False
    if ALL in principal.grants:
        return True
    owner = change.owner
    return owner is not None and principal.can(owner.grant, "get")


def _readable(principal: Principal) -> ColumnElement[bool] | None:
    if ALL in principal.grants:
        return None
    names = [n for n, res in _event_names().items() if principal.can(res.grant, "get")]
    return events.c.resource.in_(names)


def type_names(types: Sequence[str]) -> tuple[set[str], set[str]]:
    """Event types ("invoice.paid") and whole resources ("invoice", or "invoices") the
    caller asked for."""
    if len(types) > MAX_TYPES:
        raise Invalid.field("types", f"at most {MAX_TYPES} may be given")
    exact: set[str] = set()
    resources: set[str] = set()
    for given in types:
        name = given.strip().lower()
        if not name:
            raise Invalid.field("types", "an empty type matches nothing")
        if "." in name:
            exact.add(name)
            continue
        res = REGISTRY.get(name) or resource_of_event(name)
        if res is None:
            raise Invalid.field("types", f"{given!r} is not a kind of record")
        resources.update(n for n, r in _event_names().items() if r is res)
    return exact, resources


def matches(change: Change, names: tuple[set[str], set[str]]) -> bool:
    exact, resources = names
    return change.type in exact or change.resource in resources


def _typed(names: tuple[set[str], set[str]]) -> ColumnElement[bool]:
    exact, resources = names
    return or_(events.c.type.in_(exact), events.c.resource.in_(resources))


def _aware(moment: datetime | str) -> datetime:
    found = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


def _change(row: Any) -> Change:
    try:
        changes = json.loads(row.changes or "{}")
    except ValueError:
        changes = {}
    return Change(
        id=int(row.id),
        type=row.type,
        resource=row.resource,
        record_id=int(row.record_id),
        actor_type=row.actor_type,
        actor_id=row.actor_id,
        changes=changes if isinstance(changes, dict) else {},
        parent_resource=row.parent_resource,
        parent_id=row.parent_id,
        created_at=_aware(row.created_at),
    )


async def _bound(conn: AsyncConnection, after: int, now: datetime) -> tuple[int, bool]:
    """How far a reader may move now: the last position before a gap that may still
    fill, and whether the log goes on past it. Reads the newest ids only (the index)."""
    newest = await conn.execute(
        select(events.c.id, events.c.created_at)
        .where(events.c.id > after)
        .order_by(events.c.id.desc())
        .limit(TAIL)
    )
    rows = list(newest)[::-1]
    if not rows:
        return after, False
    # With the whole tail in hand the first id must follow `after`; otherwise the
    # oldest one read is taken as settled.
    position: int | None = after if len(rows) < TAIL else None
    for row in rows:
        if position is not None and row.id != position + 1:
            if now - _aware(row.created_at) < SETTLING:
                return position, True
        position = int(row.id)
    return int(rows[-1].id), False


async def list_changes(
    ctx: Ctx,
    *,
    after: int | None = None,
    since: datetime | None = None,
    types: Sequence[str] | None = None,
    first: int = DEFAULT_FIRST,
) -> ChangePage:
    """Changes to records the caller may read, oldest first: after a position (a
    previous page's cursor) or, without one, after a moment (default: from the start)."""
    principal = ctx.principal
    if principal is None:
        raise Unauthenticated()
    if not 1 <= first <= MAX_FIRST:
        raise Invalid.field("first", f"must be between 1 and {MAX_FIRST}")
    if after is not None and after < 0:
        raise Invalid.field("after", "is not a position in the feed")
    named = None if types is None else type_names(types)
    start = None if since is None else _aware(since)
    now = datetime.now(UTC)
    async with ctx.db.read() as conn:
        # The bound is read first, so a change committed meanwhile is past it and seen
        # by the next poll rather than skipped by this one's cursor.
        bound, waiting = await _bound(conn, after or 0, now)
        query = select(events).where(events.c.id <= bound).order_by(events.c.id).limit(first + 1)
        if after is not None:
            query = query.where(events.c.id > after)
        elif start is not None:
            query = query.where(events.c.created_at > start)
        if (readable := _readable(principal)) is not None:
            query = query.where(readable)
        if named is not None:
            query = query.where(_typed(named))
        found = [_change(r) for r in (await conn.execute(query)).all()]
    page = found[:first]
    full = len(found) > first
    # A page that is not full has seen everything up to the bound, the other callers'
    # and other types' changes included: the next poll starts there.
    cursor = page[-1].id if full else max(bound, after or 0)
    next_since = page[-1].created_at if page else (start or now - SETTLING)
    return ChangePage(page, cursor, full or waiting, next_since)


async def last_change_id(db: Database) -> int:
    """Where the log ends now: a tail starts here."""
    async with db.read() as conn:
        found = (await conn.execute(select(func.max(events.c.id)))).scalar()
    return int(found or 0)


async def changes_after(db: Database, after: int, *, also: Collection[int] = ()) -> list[Change]:
    """Every change after a position, and the earlier ones named in `also` (gaps a tail
    is still waiting on), oldest first; for the live feed, which checks each
    subscriber's permission itself. At most 500 a call."""
    where = events.c.id > after
    if also:
        where = or_(where, events.c.id.in_(list(also)))
    query = select(events).where(where).order_by(events.c.id).limit(500)
    async with db.read() as conn:
        return [_change(r) for r in (await conn.execute(query)).all()]
