"""Fanning the event log out into deliveries: one per event and matching active webhook.

Idempotent: a unique index on (webhook_id, event_id) makes a second insert of the same
pair a no-op, so several dispatchers (the app's worker, `crm-gateway webhooks deliver`)
may run at once and a restart may rescan. A webhook receives the events written after
it was registered, never the history before it.

How far a dispatcher has read is a cursor: the highest event id it has looked at. A
restarted one starts from the highest event id in the deliveries table, so nothing
written while it was down is lost. On PostgreSQL a transaction that commits late shows
an id below the cursor, so the ids the cursor passed in the last `settle_seconds` (and
RESTART_MARGIN ids below where a restart begins) are looked at again: an id range, so
each pass reads through the primary key, however long the log.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Insert, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Database
from resolvers.models import Event, table_of
from resolvers.models.types import utcnow
from resolvers.webhooks import patterns
from resolvers.webhooks.resource import deliveries, webhooks

events = table_of(Event)

BATCH = 500
RESTART_MARGIN = 1000


@dataclass(frozen=True)
class Fanned:
    cursor: int  # the highest event id looked at
    created: int  # deliveries added
    more: bool = False  # a full batch: more events may be waiting


async def start_cursor(db: Database) -> int:
    """Where a dispatcher that knows nothing yet starts: after the last event fanned out."""
    async with db.read() as conn:
        return int(await conn.scalar(select(func.max(deliveries.c.event_id))) or 0)


async def fan_out(db: Database, cursor: int, *, floor: int, batch: int = BATCH) -> Fanned:
    """Add the deliveries of events after `cursor`, at most `batch` of them, and of those
    between `floor` and `cursor` that have none yet (late commits)."""
    now = utcnow()
    async with db.read() as conn:
        hooks = (
            await conn.execute(
                select(webhooks.c.id, webhooks.c.events, webhooks.c.created_at).where(
                    webhooks.c.active.is_(True), webhooks.c.deleted_at.is_(None)
                )
            )
        ).all()
        if not hooks:
            latest = int(await conn.scalar(select(func.max(events.c.id))) or 0)
            return Fanned(max(cursor, latest), 0)
        since = min(h.created_at for h in hooks)
        columns = (events.c.id, events.c.type, events.c.created_at)
        fresh = (
            await conn.execute(
                select(*columns)
                .where(events.c.id > cursor, events.c.created_at >= since)
                .order_by(events.c.id)
                .limit(batch)
            )
        ).all()
        late = (
            await conn.execute(
                select(*columns)
                .where(events.c.id > floor, events.c.id <= cursor, events.c.created_at >= since)
                .order_by(events.c.id)
            )
        ).all()
        if not fresh:
            # Every event past the cursor predates the webhooks: skip them all at once
            # (one that commits after this read is within the next passes' floor).
            cursor = max(cursor, int(await conn.scalar(select(func.max(events.c.id))) or 0))
        pairs = {
            (hook.id, event.id)
            for event in (*late, *fresh)
            for hook in hooks
            if event.created_at >= hook.created_at
            and patterns.matches(patterns.split(hook.events), event.type)
        }
        pairs -= await _existing(conn, {event_id for _, event_id in pairs})
    if pairs:
        async with db.write() as conn:
            await conn.execute(
                _insert_ignoring_duplicates(db.dialect),
                [_delivery(hook_id, event_id, now) for hook_id, event_id in sorted(pairs)],
            )
    moved = max((e.id for e in fresh), default=cursor)
    return Fanned(max(cursor, moved), len(pairs), more=len(fresh) == batch)


async def _existing(conn: AsyncConnection, event_ids: set[int]) -> set[tuple[int, int]]:
    if not event_ids:
        return set()
    query = select(deliveries.c.webhook_id, deliveries.c.event_id).where(
        deliveries.c.event_id.in_(event_ids)
    )
    return {(int(w), int(e)) for w, e in await conn.execute(query)}


class Dispatcher:
    """A cursor over the event log that fans it out, pass after pass."""

    def __init__(
        self,
        db: Database,
        *,
        settle_seconds: float = 60.0,
        batch: int = BATCH,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.settle_seconds = settle_seconds
        self.batch = batch
        self.clock = clock
        self.cursor: int | None = None
        # (when, cursor) of past passes: the floor is where the cursor stood a settle ago.
        self._marks: deque[tuple[float, int]] = deque()

    async def run_once(self) -> int:
        """Fan out everything written so far; answers how many deliveries were added."""
        if self.cursor is None:
            self.cursor = await start_cursor(self.db)
            self._marks.append((self.clock(), max(self.cursor - RESTART_MARGIN, 0)))
        created = 0
        while True:
            fanned = await fan_out(self.db, self.cursor, floor=self._floor(), batch=self.batch)
            self.cursor = fanned.cursor
            self._marks.append((self.clock(), self.cursor))
            created += fanned.created
            if not fanned.more:
                return created

    def _floor(self) -> int:
        horizon = self.clock() - self.settle_seconds
        while len(self._marks) > 1 and self._marks[1][0] <= horizon:
            self._marks.popleft()
        return self._marks[0][1]


def _delivery(webhook_id: int, event_id: int, now: Any) -> dict[str, Any]:
    return {
        "webhook_id": webhook_id, "event_id": event_id, "status": "pending", "attempts": 0,
        "next_attempt_at": now, "last_error": "", "created_at": now, "updated_at": now,
    }  # fmt: skip


def _insert_ignoring_duplicates(dialect: str) -> Insert:
    maker = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement: Insert = maker(deliveries).on_conflict_do_nothing(
        index_elements=["webhook_id", "event_id"]
    )
    return statement
