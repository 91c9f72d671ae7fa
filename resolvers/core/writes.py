"""The ordinary verbs of every resource (create, update, delete, restore), written once.

A resource declares its verbs (`resources.Verbs`) and its real rules as hooks; this module
does what every write does: the permission, the record's (and its parent's) existence,
the caller's precondition (`records.update_row` checks the `preconditions` expectation a
transport set), and the event, which also clears the request's loaders. It lives beside
`records` in the service layer because both transports call it: GraphQL's generated
mutations and the REST rows.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import events, nulls
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid, Missing, NotFound
from resolvers.core.permissions import require
from resolvers.core.records import changes, fetch, insert_row, must_fetch, set_deleted, update_row
from resolvers.core.resources import Resource, Verbs
from resolvers.core.validation import parse


def verbs_of(resource: Resource) -> Verbs:
    if resource.verbs is None:
        raise LookupError(f"{resource.name} declares no write verbs")
    return resource.verbs


def _model(resource: Resource, verb: str) -> type[BaseModel]:
    model: type[BaseModel] | None = getattr(verbs_of(resource), verb)
    if model is None:
        raise LookupError(f"{resource.name} has no {verb} verb")
    return model


def _parent(verbs: Verbs, row: Row) -> tuple[str, int] | None:
    if verbs.hooks.parent is not None:
        return verbs.hooks.parent(row)
    if verbs.parent is not None:
        return verbs.parent.kind, row[verbs.parent.column]
    return None


async def _check_parent(
    conn: AsyncConnection, verbs: Verbs, fields: BaseModel, before: Row | None
) -> None:
    """The parent the input names exists; in a body that is an invalid field (a path that
    names the parent turns it into a 404, see rest_compat.readers.path_parent)."""
    parent = verbs.parent
    if parent is None or parent.column not in fields.model_fields_set:
        return
    parent_id = getattr(fields, parent.column)
    if parent_id is None:
        raise Invalid.field(parent.column, nulls.NOT_NULL)
    if before is not None and parent_id == before[parent.column]:
        return
    if await fetch(conn, parent.table, parent_id) is None:
        raise Missing.field(parent.column, f"no {parent.kind} {parent_id}")


async def _values(
    conn: AsyncConnection, ctx: Ctx, verbs: Verbs, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    if verbs.hooks.values is not None:
        return await verbs.hooks.values(conn, ctx, fields, before)
    return fields.model_dump(exclude_unset=True)


async def _store(
    conn: AsyncConnection,
    ctx: Ctx,
    resource: Resource,
    fields: BaseModel,
    values: dict[str, Any],
    before: Row | None,
) -> tuple[Row, dict[str, Any]]:
    """Write the record (the domain's `store`, else the plain row), then its custom
    values; returns it with what the event adds."""
    verbs = verbs_of(resource)
    if verbs.hooks.store is not None:
        row, noted = await verbs.hooks.store(conn, ctx, fields, values, before)
    elif before is None:
        row, noted = await insert_row(conn, resource.table, values), {}
    elif values:
        row, noted = await update_row(conn, resource.table, before["id"], values), {}
    else:
        row, noted = before, {}
    if verbs.hooks.after_write is not None:
        await verbs.hooks.after_write(conn, row, values)
    if "custom_fields" in type(fields).model_fields:
        # Imported here: custom field definitions are themselves written through this module.
        from resolvers import custom_fields

        given = getattr(fields, "custom_fields", None) or {}
        noted = {
            **noted,
            **await custom_fields.set_custom_values(
                conn, ctx, resource.name, row["id"], given, creating=before is None
            ),
        }
    return row, noted


def _shown(verbs: Verbs, verb: str, row: Row) -> Row:
    return row if verbs.hooks.shown is None else verbs.hooks.shown(verb, row)


async def create(ctx: Ctx, resource: Resource, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, resource.grant, verbs_of(resource).action("create"))
    fields = parse(_model(resource, "create"), data)
    async with ctx.db.write() as conn:
        row = await insert(conn, ctx, resource, fields)
    return _shown(verbs_of(resource), "create", row)


async def insert(conn: AsyncConnection, ctx: Ctx, resource: Resource, fields: BaseModel) -> Row:
    """Create inside the caller's transaction (a customer write adds its contacts)."""
    verbs = verbs_of(resource)
    await _check_parent(conn, verbs, fields, None)
    values = await _values(conn, ctx, verbs, fields, None)
    row, noted = await _store(conn, ctx, resource, fields, values, None)
    created = verbs.hooks.created(row) if verbs.hooks.created is not None else None
    if noted:
        created = {**(created or {}), **noted}
    await events.record(
        conn, ctx, f"{verbs.event}.created", row["id"], created, parent=_parent(verbs, row)
    )
    return row


async def update(
    ctx: Ctx,
    resource: Resource,
    record_id: int,
    data: Mapping[str, Any],
    *,
    model: type[BaseModel] | None = None,
) -> Row:
    """`model` reads the input in place of the declared one, for a dialect that sends more
    (Perfex's staff form carries the password)."""
    require(ctx.principal, resource.grant, verbs_of(resource).action("update"))
    for fixed in verbs_of(resource).fixed:
        if fixed in data:
            raise Invalid.field(
                fixed, f"cannot be changed after the {resource.label.lower()} is created"
            )
    fields = parse(model or _model(resource, "update"), data)
    async with ctx.db.write() as conn:
        row = await change(conn, ctx, resource, record_id, fields)
    return _shown(verbs_of(resource), "update", row)


async def change(
    conn: AsyncConnection, ctx: Ctx, resource: Resource, record_id: int, fields: BaseModel
) -> Row:
    """Update inside the caller's transaction."""
    verbs = verbs_of(resource)
    before = await must_fetch(conn, resource.table, record_id, resource.label)
    await _check_parent(conn, verbs, fields, before)
    values = await _values(conn, ctx, verbs, fields, before)
    row, noted = await _store(conn, ctx, resource, fields, values, before)
    updated = "updated"
    if verbs.hooks.updated is not None:
        updated = await verbs.hooks.updated(conn, before, row)
    await events.record(
        conn,
        ctx,
        f"{verbs.event}.{updated}",
        record_id,
        # Hidden columns (a password hash) never reach the event log.
        {k: v for k, v in {**changes(before, values), **noted}.items() if k not in resource.hidden},
        parent=_parent(verbs, row),
    )
    if verbs.hooks.after_update is not None:
        await verbs.hooks.after_update(conn, ctx, before, values)
    return row


async def delete(ctx: Ctx, resource: Resource, record_id: int) -> Row:
    verbs = verbs_of(resource)
    if not verbs.delete:
        raise LookupError(f"{resource.name} has no delete verb")
    require(ctx.principal, resource.grant, verbs_of(resource).action("delete"))
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, resource.table, record_id, resource.label)
        if verbs.hooks.before_delete is not None:
            await verbs.hooks.before_delete(conn, ctx, before)
        row = await set_deleted(conn, resource.table, record_id, deleted=True)
        deleted = verbs.hooks.deleted(before) if verbs.hooks.deleted is not None else None
        await events.record(
            conn, ctx, f"{verbs.event}.deleted", record_id, deleted, parent=_parent(verbs, row)
        )
        row = await _after_toggle(conn, ctx, verbs, row)
    return _shown(verbs, "delete", row)


async def restore(ctx: Ctx, resource: Resource, record_id: int) -> Row:
    verbs = verbs_of(resource)
    if not verbs.restore:
        raise LookupError(f"{resource.name} has no restore verb")
    # Undoing a delete changes the record: the update grant, as every restore asks.
    require(ctx.principal, resource.grant, "update")
    async with ctx.db.write() as conn:
        before = await fetch(conn, resource.table, record_id, deleted=True)
        if before is None:
            raise NotFound(resource.label, record_id)
        if verbs.hooks.before_restore is not None:
            await verbs.hooks.before_restore(conn, before)
        row = await set_deleted(conn, resource.table, record_id, deleted=False)
        await events.record(
            conn, ctx, f"{verbs.event}.restored", record_id, parent=_parent(verbs, row)
        )
        row = await _after_toggle(conn, ctx, verbs, row)
    return _shown(verbs, "restore", row)


async def _after_toggle(conn: AsyncConnection, ctx: Ctx, verbs: Verbs, row: Row) -> Row:
    if verbs.hooks.after_toggle is None:
        return row
    return await verbs.hooks.after_toggle(conn, ctx, row) or row


Operation = Callable[..., Awaitable[Row]]
_BOUND: dict[Callable[..., Any], tuple[str, str]] = {}
_VERBS: dict[str, Operation] = {
    "create": create,
    "update": update,
    "delete": delete,
    "restore": restore,
}


def operation(resource: Resource, verb: str) -> Operation:
    """The verb bound to a resource, as a plain service operation `(ctx, *args, **options)`
    for a route row; `verb_of` tells which it is (the parity test reads it)."""
    implementation = _VERBS[verb]
    if verb in ("create", "update"):
        _model(resource, verb)
    elif not getattr(verbs_of(resource), verb):
        raise LookupError(f"{resource.name} has no {verb} verb")

    async def call(ctx: Ctx, *args: Any, **options: Any) -> Row:
        return await implementation(ctx, resource, *args, **options)

    call.__name__ = call.__qualname__ = f"{verb}_{resource.name}"
    _BOUND[call] = (resource.name, verb)
    return call


def verb_of(function: Callable[..., Any]) -> tuple[str, str] | None:
    """(resource, verb) of an operation made by `operation`, else None."""
    return _BOUND.get(function)
