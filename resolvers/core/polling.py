"""Polling for new and changed records, read from the event log (automation platforms:
Zapier, Make.com, n8n ask "what changed since T?").

Every write records an event in its own transaction, so the log knows each record's
last change; a poll returns the current state of each record changed since a moment,
the least recently changed first, and where the next poll should start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from resolvers.core import reading
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid, Unauthenticated
from resolvers.core.ordering import Order
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import require
from resolvers.core.records import fetch_many
from resolvers.core.resources import Resource
from resolvers.customers import CUSTOMERS
from resolvers.invoices import INVOICES
from resolvers.leads import LEADS
from resolvers.models import Event, table_of
from resolvers.tasks import TASKS
from resolvers.tickets import TICKETS

events = table_of(Event)

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
DEFAULT_WINDOW = timedelta(hours=24)
# A write whose transaction is still open when a poll reads the log shows up in it a
# moment later with an earlier time: the next poll starts this far back to see it.
SETTLING = timedelta(seconds=5)


@dataclass(frozen=True)
class Pollable:
    resource: Resource
    event: str  # the resource as the event log names it: "customer"
    label: str
    description: str

    @property
    def key(self) -> str:
        return self.resource.name


POLLABLE = {
    p.key: p
    for p in (
        Pollable(CUSTOMERS, "customer", "Customers", "New or updated customers"),
        Pollable(INVOICES, "invoice", "Invoices", "New or updated invoices"),
        Pollable(LEADS, "lead", "Leads", "New or updated leads"),
        Pollable(TASKS, "task", "Tasks", "New or updated tasks"),
        Pollable(TICKETS, "ticket", "Tickets", "New or updated support tickets"),
    )
}


@dataclass(frozen=True)
class Polled:
    rows: list[Row]  # the current records, most recently changed first
    since: datetime
    # Where the next poll should start: the last change returned when more are waiting
    # (to the microsecond, so the next page begins after it), else a moment ago.
    next_poll: datetime


def pollable(key: str) -> Pollable:
    found = POLLABLE.get(key.strip().lower())
    if found is None:
        raise Invalid.field("resource", f"must be one of {', '.join(POLLABLE)}")
    return found


async def list_pollable(ctx: Ctx) -> list[Pollable]:
    """The resources there are to poll, in a fixed order."""
    if ctx.principal is None:
        raise Unauthenticated()
    return list(POLLABLE.values())


async def poll_changes(
    ctx: Ctx, key: str, *, since: datetime | None = None, limit: int = DEFAULT_LIMIT
) -> Polled:
    """Records of `key` created or changed after `since` (default: the last 24 hours),
    each once in its current state, the `limit` least recently changed of them; deleted
    ones are left out."""
    spec = pollable(key)
    res = spec.resource
    require(ctx.principal, res.grant, "get")
    if not 1 <= limit <= MAX_LIMIT:
        raise Invalid.field("limit", f"must be between 1 and {MAX_LIMIT}")
    now = datetime.now(UTC)
    start = (now - DEFAULT_WINDOW) if since is None else since
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    changed = func.max(events.c.created_at).label("changed")
    query = (
        select(events.c.record_id, changed)
        .where(events.c.resource == spec.event, events.c.created_at > start)
        .group_by(events.c.record_id)
        .order_by(changed, events.c.record_id)
        .limit(limit + 1)
    )
    async with ctx.db.read() as conn:
        found = (await conn.execute(query)).all()
        page, more = found[:limit], len(found) > limit
        current = await fetch_many(conn, res.table, [int(r.record_id) for r in page])
    rows = [current[int(r.record_id)] for r in reversed(page) if int(r.record_id) in current]
    next_poll = _aware(page[-1].changed) if more else max(start, now - SETTLING)
    return Polled(rows, start, next_poll)


def _aware(moment: Any) -> datetime:
    # SQLite hands aggregates back as text or naive times: the log is written in UTC.
    found: datetime = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


async def sample_record(ctx: Ctx, key: str) -> Row | None:
    """The newest live record of `key`, to show what a poll returns; None when empty."""
    res = pollable(key).resource
    page = await reading.list_records(
        ctx, res, PageArgs(first=1), order=(Order("id", "desc"),), count=False
    )
    return page.rows[0] if page.rows else None
