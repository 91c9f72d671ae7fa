"""Ticket statuses and priorities as clients name them: by id, or by name in any case."""

from __future__ import annotations

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.errors import Invalid, Missing
from resolvers.core.numbers import is_digits, whole_number
from resolvers.core.records import live
from resolvers.models import TicketPriority, TicketStatus, table_of
from resolvers.projects.common import name_key
from resolvers.reference.codes import (
    TICKET_ANSWERED,
    TICKET_CLOSED,
    TICKET_OPEN,
    TICKET_PRIORITY_ALIASES,
    TICKET_STATUS_ALIASES,
)

statuses = table_of(TicketStatus)
priorities = table_of(TicketPriority)

# The reference statuses the rules below lean on, by name.
OPEN, ANSWERED, CLOSED = TICKET_OPEN, TICKET_ANSWERED, TICKET_CLOSED


async def _named(conn: AsyncConnection, table: Table) -> dict[str, int]:
    rows = await conn.execute(select(table.c.id, table.c.name).where(live(table)))
    return {name_key(r.name): int(r.id) for r in rows}


async def _resolve(
    conn: AsyncConnection, table: Table, value: int | str, field: str, aliases: dict[str, str]
) -> int:
    named = await _named(conn, table)
    if isinstance(value, int) or is_digits(value.strip()):
        number = whole_number(value)
        if number is not None and number in named.values():
            return number
    else:
        key = name_key(value)
        found = named.get(aliases.get(key, key))
        if found is not None:
            return found
    raise Missing.field(field, f"unknown {field} {value!r}: use an id or one of {', '.join(named)}")


async def status_id(conn: AsyncConnection, value: int | str) -> int:
    return await _resolve(conn, statuses, value, "status", TICKET_STATUS_ALIASES)


async def priority_id(conn: AsyncConnection, value: int | str) -> int:
    return await _resolve(conn, priorities, value, "priority", TICKET_PRIORITY_ALIASES)


async def named_status(conn: AsyncConnection, name: str) -> int | None:
    return (await _named(conn, statuses)).get(name)


async def default_status(conn: AsyncConnection) -> int:
    """The status a new ticket gets: the one marked default, else the first in order."""
    found = await conn.scalar(
        select(statuses.c.id)
        .where(live(statuses))
        .order_by(statuses.c.is_default.desc(), statuses.c.status_order, statuses.c.id)
        .limit(1)
    )
    if found is None:
        raise Invalid.field("status", "no ticket statuses are configured")
    return int(found)


async def is_closed(conn: AsyncConnection, status: int) -> bool:
    return await named_status(conn, CLOSED) == status
