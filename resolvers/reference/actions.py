"""Writing reference lists: administrators add, rename and retire rows.

Names are unique per list; a row still in use by a live record cannot be deleted, nor
can a list's default row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import lookups
from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Invalid, partly_stored, refusal
from resolvers.core.permissions import parse_grants, require
from resolvers.core.records import (
    changes,
    fetch,
    insert_row,
    must_exist,
    must_fetch,
    set_deleted,
    update_row,
)
from resolvers.core.validation import parse
from resolvers.models import metadata
from resolvers.reference.inputs import LookupInput
from resolvers.reference.resource import PERMISSION, Lookup, lookup


def _writable(name: str) -> tuple[Lookup, type[LookupInput], type[LookupInput]]:
    spec = lookup(name)
    if spec.fields is None or spec.create is None:
        raise Invalid.field("type", f"the {name} list is fixed")
    return spec, spec.fields, spec.create


async def _columns(ctx: Ctx, spec: Lookup, data: LookupInput) -> dict[str, Any]:
    values = data.model_dump(exclude_unset=True)
    table = spec.resource.table
    if "permissions" in values:
        try:
            grants = parse_grants(" ".join(values["permissions"] or []))
        except ValueError as exc:
            raise Invalid.field("permissions", str(exc)) from None
        values["permissions"] = " ".join(sorted(grants))
    if "currency" in values:
        values["currency_id"] = await lookups.currency_id(ctx, values.pop("currency"))
    for key, value in values.items():
        if value is None and not table.c[key].nullable:
            raise Invalid.field(key, "may not be empty")
    return values


async def _check_name(
    conn: AsyncConnection, spec: Lookup, name: Any, record_id: int | None
) -> None:
    """Names are unique per list, counting deleted rows, which a restore brings back."""
    if name is None:
        return
    table = spec.resource.table
    query = select(table.c.id, table.c.deleted_at).where(
        func.lower(table.c.name) == str(name).lower()
    )
    if record_id is not None:
        query = query.where(table.c.id != record_id)
    found = (await conn.execute(query.limit(1))).first()
    if found is not None:
        deleted = " (deleted: restore it instead)" if found.deleted_at else ""
        raise Conflict(f"{spec.resource.label} {name!r} already exists{deleted}", field="name")


async def _only_default(conn: AsyncConnection, spec: Lookup, record_id: int) -> None:
    table = spec.resource.table
    await conn.execute(update(table).where(table.c.id != record_id).values(is_default=False))


def _check_payment_mode(before: Mapping[str, Any], values: Mapping[str, Any]) -> None:
    merged = {**before, **values}
    if merged.get("invoices_only") and merged.get("expenses_only"):
        raise refusal(
            "expenses_only",
            "a payment mode cannot be for invoices only and expenses only",
            stored=partly_stored(before, values, "invoices_only", "expenses_only"),
        )


async def _in_use(conn: AsyncConnection, spec: Lookup, record_id: int) -> str | None:
    """The first table holding a live row that points at this one."""
    target = spec.resource.table
    for other in metadata.sorted_tables:
        for key in other.foreign_keys:
            if key.column.table is not target or other is target:
                continue
            query = select(key.parent).where(key.parent == record_id)
            if "deleted_at" in other.c:
                query = query.where(other.c.deleted_at.is_(None))
            if (await conn.execute(query.limit(1))).first() is not None:
                return str(other.name)
    return None


async def create_lookup(ctx: Ctx, name: str, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, PERMISSION, "create")
    spec, _, create = _writable(name)
    values = await _columns(ctx, spec, parse(create, data))
    if spec.singular == "payment_mode":
        _check_payment_mode({}, values)
    async with ctx.db.write() as conn:
        await _check_name(conn, spec, values.get("name"), None)
        row = await insert_row(conn, spec.resource.table, values)
        if values.get("is_default"):
            await _only_default(conn, spec, row["id"])
        await events.record(conn, ctx, f"{spec.singular}.created", row["id"], {"name": row["name"]})
    return row


async def update_lookup(ctx: Ctx, name: str, record_id: int, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, PERMISSION, "update")
    spec, fields, _ = _writable(name)
    values = await _columns(ctx, spec, parse(fields, data))
    table = spec.resource.table
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, table, record_id, spec.resource.label)
        if spec.singular == "payment_mode":
            _check_payment_mode(before, values)
        if values.get("is_default") is False and before["is_default"]:
            # false is a valid flag; this row being the default refuses it.
            raise Conflict("make another row the default instead", field="is_default")
        await _check_name(conn, spec, values.get("name"), record_id)
        row = await update_row(conn, table, record_id, values) if values else before
        if values.get("is_default"):
            await _only_default(conn, spec, record_id)
        await events.record(
            conn, ctx, f"{spec.singular}.updated", record_id, changes(before, values)
        )
    return row


async def delete_lookup(ctx: Ctx, name: str, record_id: int) -> Row:
    """Soft-deletes a row no live record uses; the default row stays."""
    require(ctx.principal, PERMISSION, "delete")
    spec, _, _ = _writable(name)
    table = spec.resource.table
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, table, record_id, spec.resource.label)
        if before.get("is_default"):
            raise Conflict(
                f"The default {spec.resource.label.lower()} cannot be deleted", field="is_default"
            )
        used_by = await _in_use(conn, spec, record_id)
        if used_by is not None:
            raise Conflict(f"{spec.resource.label} {record_id} is in use ({used_by})", field="id")
        row = await set_deleted(conn, table, record_id, deleted=True)
        await events.record(conn, ctx, f"{spec.singular}.deleted", record_id)
    return row


async def restore_lookup(ctx: Ctx, name: str, record_id: int) -> Row:
    require(ctx.principal, PERMISSION, "update")
    spec, _, _ = _writable(name)
    table = spec.resource.table
    async with ctx.db.write() as conn:
        must_exist(
            await fetch(conn, table, record_id, deleted=True), spec.resource.label, record_id
        )
        row = await set_deleted(conn, table, record_id, deleted=False)
        await events.record(conn, ctx, f"{spec.singular}.restored", record_id)
    return row
