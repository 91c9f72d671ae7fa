"""Row-level reads and writes every domain module shares: fetch, insert, update,
soft delete and restore, on Core tables, returning plain rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, overload

from sqlalchemy import Select, Table, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import nulls, preconditions
from resolvers.core.context import Row
from resolvers.core.errors import Missing, NotFound, Stale
from resolvers.models.types import utcnow


def live(table: Table) -> Any:
    return table.c.deleted_at.is_(None)


@cache
def _by_id(table: Table, deleted: bool) -> Select[Any]:
    # One statement object per table, reused: executing the very object the compiled
    # cache holds skips SQLAlchemy's per-execution mapping of a new statement's columns,
    # which costs more than the read itself on a wide table.
    query = select(table).where(table.c.id == bindparam("record_id"))
    return query if deleted else query.where(live(table))


@cache
def _by_ids(table: Table) -> Select[Any]:
    return select(table).where(table.c.id.in_(bindparam("ids", expanding=True)), live(table))


# Ids are 32-bit integers on PostgreSQL: an id past that names no record, and must not
# reach the driver, which refuses it (as SQLite refuses one past 64 bits).
ID_BOUND = 2**31


def possible_id(record_id: object) -> bool:
    return not isinstance(record_id, int) or -ID_BOUND <= record_id < ID_BOUND


async def fetch(
    conn: AsyncConnection, table: Table, record_id: int, *, deleted: bool = False
) -> Row | None:
    if not possible_id(record_id):
        return None
    row = (await conn.execute(_by_id(table, deleted), {"record_id": record_id})).first()
    return None if row is None else row._mapping


async def fetch_many(conn: AsyncConnection, table: Table, ids: Sequence[int]) -> dict[int, Row]:
    ids = [i for i in ids if possible_id(i)]
    if not ids:
        return {}
    rows = await conn.execute(_by_ids(table), {"ids": list(set(ids))})
    return {int(row.id): row._mapping for row in rows}


def must_exist(row: Row | None, label: str, record_id: object, field: str | None = None) -> Row:
    """The one "must exist" rule: `row`, or the refusal for a record that is not there,
    NotFound (a 404 on REST), or, where the client named it in `field` of its input,
    Missing naming that field (a 404 on REST, a userError)."""
    if row is not None:
        return row
    if field is None:
        raise NotFound(label, record_id)
    raise Missing.field(field, f"no {label} {record_id}")


@overload
async def must_fetch(
    conn: AsyncConnection, table: Table, record_id: int, label: str, field: str | None = None
) -> Row: ...
@overload
async def must_fetch(
    conn: AsyncConnection, table: Table, record_id: int | None, label: str, field: str
) -> Row | None: ...
async def must_fetch(
    conn: AsyncConnection, table: Table, record_id: int | None, label: str, field: str | None = None
) -> Row | None:
    """The live row of `record_id`, refused as `must_exist` says; an optional reference a
    client left out (None, with its `field`) names nothing and reads nothing."""
    if record_id is None:
        return None
    return must_exist(await fetch(conn, table, record_id), label, record_id, field)


async def insert_row(conn: AsyncConnection, table: Table, values: Mapping[str, Any]) -> Row:
    values = nulls.storable(table, values)
    now = utcnow()
    row = (
        await conn.execute(
            insert(table).values({"created_at": now, "updated_at": now, **values}).returning(table)
        )
    ).one()
    mapping: Row = row._mapping
    return mapping


async def update_row(
    conn: AsyncConnection, table: Table, record_id: int, values: Mapping[str, Any]
) -> Row:
    values = nulls.storable(table, values)
    now = utcnow()
    query = update(table).where(table.c.id == record_id)
    expectation = preconditions.claim(table.name, record_id)
    if expectation is not None:
        # The version test is part of the UPDATE itself: on PostgreSQL a concurrent
        # writer's commit makes this statement re-read the row and match nothing.
        query = query.where(table.c.updated_at.in_(sorted(expectation.versions)))
        now = preconditions.next_version(expectation, now)
    row = (await conn.execute(query.values({**values, "updated_at": now}).returning(table))).first()
    if row is None:
        if expectation is not None:
            raise Stale(table.name, record_id)
        raise NotFound(table.name, record_id)
    mapping: Row = row._mapping
    return mapping


async def set_deleted(conn: AsyncConnection, table: Table, record_id: int, *, deleted: bool) -> Row:
    return await update_row(conn, table, record_id, {"deleted_at": utcnow() if deleted else None})


def changes(before: Row, values: Mapping[str, Any]) -> dict[str, list[Any]]:
    """What an update really changed, as {field: [old, new]}."""
    return {k: [before[k], v] for k, v in values.items() if k in before and before[k] != v}
