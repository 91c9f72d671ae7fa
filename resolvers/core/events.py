"""Recording events: called by every writer inside its own transaction (the outbox).

On PostgreSQL the insert also notifies CHANNEL, which PostgreSQL delivers to every
listening process when (and only if) the transaction commits: the live feeds wake at
once instead of at their next poll. The connection is marked RECORDED, so a commit hook
can wake the feeds of this process or publish to Redis."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, cast, func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Ctx
from resolvers.models import Event, table_of
from resolvers.models.types import utcnow

CHANNEL = "crm_events"
RECORDED = "crm_events_recorded"


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def to_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, default=_plain, sort_keys=True)


async def record(
    conn: AsyncConnection,
    ctx: Ctx,
    type_: str,
    record_id: int,
    changes: Mapping[str, Any] | None = None,
    *,
    parent: tuple[str, int] | None = None,
) -> None:
    # Every write records an event, so this is where the request's cached reads go stale:
    # a later field or mutation in the same request must see what was just written.
    ctx.loaders.clear()
    actor_type, actor_id = ctx.actor
    now = utcnow()
    table = table_of(Event)
    statement = insert(table).values(
        type=type_,
        resource=type_.split(".", 1)[0],
        record_id=record_id,
        actor_type=actor_type,
        actor_id=actor_id,
        changes=to_json(changes or {}),
        parent_resource=parent[0] if parent else None,
        parent_id=parent[1] if parent else None,
        created_at=now,
        updated_at=now,
    )
    if conn.dialect.name == "postgresql":
        # One round trip: the insert and its notification in a single statement.
        added = statement.returning(table.c.id).cte("added")
        await conn.execute(
            select(func.pg_notify(CHANNEL, cast(added.c.id, String))).select_from(added)
        )
    else:
        await conn.execute(statement)
    conn.info[RECORDED] = True
