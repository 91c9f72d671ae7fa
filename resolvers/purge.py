"""Purge: soft-deleted records removed for good, only when an operator asks for it.

Deletes are soft everywhere, so nothing disappears by accident; `purge` takes rows
deleted before a cutoff, one transaction per resource. Children that belong to a row
go with it through their ON DELETE CASCADE keys; a row that another live record still
references by a plain key is kept (and counted) rather than breaking that record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Column, Table, delete, select

from resolvers.core import events
from resolvers.core.context import Ctx
from resolvers.core.permissions import require
from resolvers.core.resources import REGISTRY
from resolvers.models import metadata
from resolvers.models.types import utcnow


@dataclass(frozen=True)
class Purged:
    resource: str
    removed: int
    kept: int  # still referenced by another record


def purgeable() -> list[str]:
    """Resources with a soft delete, children before parents (so a pass over a parent
    meets no purgeable child still pointing at it)."""
    order = {t.name: i for i, t in enumerate(metadata.sorted_tables)}
    names = [
        r.name
        for r in REGISTRY.values()
        if "deleted_at" in r.table.c and not r.permission  # sub-records go with their owner
    ]
    tables = {r.name: r.table.name for r in REGISTRY.values()}
    unique = {tables[n]: n for n in names}  # one pass per table
    return sorted(unique.values(), key=lambda n: -order[tables[n]])


async def purge(ctx: Ctx, *, older_than: timedelta, resource: str | None = None) -> list[Purged]:
    names = purgeable()
    if resource is not None:
        if resource not in names:
            raise ValueError(f"unknown resource {resource!r}; one of: {', '.join(names)}")
        names = [resource]
    if ctx.principal is not None:  # the CLI runs as the system; a caller needs delete
        for name in names:
            require(ctx.principal, name, "delete")
    cutoff = utcnow() - older_than
    return [await _purge_one(ctx, name, cutoff) for name in names]


async def _purge_one(ctx: Ctx, name: str, cutoff: datetime) -> Purged:
    table = REGISTRY[name].table
    async with ctx.db.write() as conn:
        ids = set(
            (
                await conn.execute(
                    select(table.c.id).where(
                        table.c.deleted_at.is_not(None), table.c.deleted_at < cutoff
                    )
                )
            )
            .scalars()
            .all()
        )
        referenced: set[int] = set()
        for column in _plain_references(table):
            if ids:
                rows = await conn.execute(select(column).where(column.in_(ids)).distinct())
                referenced.update(int(v) for v in rows.scalars() if v is not None)
        doomed = sorted(ids - referenced)
        for start in range(0, len(doomed), 500):
            chunk = doomed[start : start + 500]
            await conn.execute(delete(table).where(table.c.id.in_(chunk)))
            for record_id in chunk:
                await events.record(conn, ctx, f"{_singular(name)}.purged", record_id)
    return Purged(name, len(doomed), len(referenced))


def _plain_references(table: Table) -> list[Column[Any]]:
    """Columns pointing at `table` without ON DELETE CASCADE / SET NULL."""
    return [
        fk.parent
        for other in metadata.sorted_tables
        for fk in other.foreign_keys
        if fk.column.table is table and not fk.ondelete
    ]


def _singular(name: str) -> str:
    # Event names are singular: customer.purged, credit_note.purged, staff.purged.
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name
