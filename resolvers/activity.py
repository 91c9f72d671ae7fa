"""The event log read as a feed: a record's own events and those filed under it.

Ticket history, project activity and lead activities are all this one feed. Events name
their resource in the singular ("ticket"); a child event (a task under a project, a
comment under a task) carries its parent in parent_resource/parent_id.
"""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import and_, or_

from resolvers.context import Ctx, Row
from resolvers.errors import Invalid, NotFound
from resolvers.models import Event, table_of
from resolvers.pagination import Page, PageArgs
from resolvers.permissions import require
from resolvers.reading import list_records
from resolvers.records import fetch
from resolvers.resources import REGISTRY, Resource

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
    # The log read under the feed's own permission; not registered, so not in the graph.
    log = Resource(name="events", model=Event, label="Event", permission=grant)
    found = await list_records(ctx, log, page, scope=scope)
    return replace(found, rows=[_entry(r) for r in found.rows])
