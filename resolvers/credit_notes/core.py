"""Credit notes: create, read, update (void and reopen too), delete and restore."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import field_validator
from sqlalchemy import ColumnElement

from resolvers import events, reading
from resolvers.context import Ctx, Row
from resolvers.credit_notes.balance import rebalance, used
from resolvers.credit_notes.resource import (
    CREDIT_NOTES,
    KIND,
    OPEN,
    RESOURCE,
    VOID,
)
from resolvers.custom_fields import set_custom_values
from resolvers.errors import Conflict, Invalid, NotFound
from resolvers.line_items import lines_by_document
from resolvers.line_items.documents import (
    NumberedFields,
    columns,
    create_document,
    search_scope,
    update_document,
)
from resolvers.pagination import Page, PageArgs
from resolvers.permissions import require
from resolvers.records import changes, fetch, must_fetch, set_deleted
from resolvers.totals import ZERO
from resolvers.validation import parse

credit_notes = CREDIT_NOTES.table


class CreditNoteFields(NumberedFields):
    reference_no: str | None = None
    # 3 voids the note (only while nothing was refunded or applied), 1 reopens it;
    # open/closed otherwise follow what remains.
    status: int | None = None

    @field_validator("status")
    @classmethod
    def _status(cls, value: int | None) -> int | None:
        if value is not None and value not in (OPEN, VOID):
            raise ValueError("only 1 (reopen) or 3 (void); closed follows what remains")
        return value


class CreditNoteCreate(CreditNoteFields):
    customer_id: int


def _summary(row: Row) -> dict[str, Any]:
    return {"number": row["number"], "total": row["total"], "status": row["status"]}


async def get_credit_note(ctx: Ctx, credit_note_id: int) -> Row | None:
    return await reading.get_record(ctx, CREDIT_NOTES, credit_note_id)


async def list_credit_notes(
    ctx: Ctx,
    page: PageArgs,
    *,
    customer_id: int | None = None,
    status: int | None = None,
    search: str | None = None,
    **query: Any,
) -> Page:
    scope: list[ColumnElement[bool]] = []
    if customer_id is not None:
        scope.append(credit_notes.c.customer_id == customer_id)
    if status is not None:
        scope.append(credit_notes.c.status == status)
    if search:
        require(ctx.principal, RESOURCE, "search")
        scope += search_scope(credit_notes, search, CREDIT_NOTES.search)
    return await reading.list_records(ctx, CREDIT_NOTES, page, scope=scope, **query)


async def items_by_credit_note_id(ctx: Ctx, ids: Sequence[int]) -> list[list[Row]]:
    require(ctx.principal, RESOURCE, "get")
    async with ctx.db.read() as conn:
        return await lines_by_document(conn, KIND, ids)


async def create_credit_note(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    """A new open credit note worth its lines' total, all of it remaining."""
    principal = require(ctx.principal, RESOURCE, "create")
    fields = parse(CreditNoteCreate, data)
    values = await columns(ctx, credit_notes, fields, skip={"status"})
    async with ctx.db.write() as conn:
        row, _ = await create_document(
            conn, KIND, fields, {"added_by_id": principal.staff_id, "status": OPEN, **values}
        )
        row = await rebalance(conn, int(row["id"]))
        custom = await set_custom_values(
            conn, ctx, RESOURCE, row["id"], fields.custom_fields or {}, creating=True
        )
        await events.record(conn, ctx, "credit_note.created", row["id"],
                            {**_summary(row), **custom},
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row


async def update_credit_note(ctx: Ctx, credit_note_id: int, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, RESOURCE, "update")
    fields = parse(CreditNoteFields, data)
    values = await columns(ctx, credit_notes, fields)
    async with ctx.db.write() as conn:
        current = await must_fetch(conn, credit_notes, credit_note_id, "Credit Note")
        spent = await used(conn, credit_note_id)
        if values.get("status") == VOID and current["status"] != VOID and spent > ZERO:
            raise Conflict("A credit note already refunded or applied cannot be void", "status")
        before, row, lines = await update_document(conn, KIND, credit_note_id, fields, values)
        if row["total"] < spent:
            raise Invalid.field(
                "items", f"the total {row['total']} is less than the {spent} refunded and applied"
            )
        row = await rebalance(conn, credit_note_id)
        diff: dict[str, Any] = changes(before, values)
        if lines is not None:
            diff["items"] = lines.summary()
        diff.update(
            await set_custom_values(conn, ctx, RESOURCE, credit_note_id, fields.custom_fields or {})
        )
        await events.record(conn, ctx, "credit_note.updated", credit_note_id, diff,
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row


async def delete_credit_note(ctx: Ctx, credit_note_id: int) -> Row:
    require(ctx.principal, RESOURCE, "delete")
    async with ctx.db.write() as conn:
        await must_fetch(conn, credit_notes, credit_note_id, "Credit Note")
        if await used(conn, credit_note_id) > ZERO:
            raise Conflict(
                "The credit note has refunds or applied credits; delete them first", "id"
            )
        row = await set_deleted(conn, credit_notes, credit_note_id, deleted=True)
        await events.record(conn, ctx, "credit_note.deleted", credit_note_id,
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row


async def restore_credit_note(ctx: Ctx, credit_note_id: int) -> Row:
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        if await fetch(conn, credit_notes, credit_note_id, deleted=True) is None:
            raise NotFound("Credit Note", credit_note_id)
        row = await set_deleted(conn, credit_notes, credit_note_id, deleted=False)
        await events.record(conn, ctx, "credit_note.restored", credit_note_id,
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row
