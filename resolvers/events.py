"""Recording events: called by every writer inside its own transaction (the outbox)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.context import Ctx
from resolvers.models import Event, table_of
from resolvers.models.types import utcnow


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
    await conn.execute(
        insert(table_of(Event)).values(
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
    )
