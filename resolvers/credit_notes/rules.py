"""A credit note's own rules around the ordinary verbs: what a client may write, when it
may be void, its lines and figures, and what remains of it after every change."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Invalid
from resolvers.core.nulls import NOT_NULL
from resolvers.core.resources import Hooks
from resolvers.credit_notes.balance import OPEN, VOID, rebalance, used
from resolvers.line_items import Kind
from resolvers.line_items.documents import (
    NumberedFields,
    columns,
    document_verbs,
    store_document,
)
from resolvers.line_items.inputs import status_among
from resolvers.models import CreditNote, CreditNoteItem
from resolvers.totals import ZERO

KIND = Kind("Credit Note", CreditNote, CreditNoteItem)
RESOURCE = KIND.resource


class CreditNoteFields(NumberedFields):
    reference_no: str | None = None
    # 3 voids the note (only while nothing was refunded or applied), 1 reopens it;
    # open/closed otherwise follow what remains.
    status: int | None = None

    _status = status_among(
        OPEN, VOID, reason="only 1 (reopen) or 3 (void); closed follows what remains"
    )


class CreditNoteCreate(CreditNoteFields):
    customer_id: int


async def _values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, CreditNoteFields)
    # A new note is open (whatever code the client says), worth its lines' total, all of
    # it remaining; a null is no code, refused by name as an update refuses it.
    if before is None and "status" in fields.model_fields_set and fields.status is None:
        raise Invalid.field("status", NOT_NULL)
    values = await columns(ctx, KIND.table, fields, skip={"status"} if before is None else ())
    if before is not None and values.get("status") == VOID and before["status"] != VOID:
        if await used(conn, int(before["id"])) > ZERO:
            raise Conflict("A credit note already refunded or applied cannot be void", "status")
    return values


async def _store(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, values: dict[str, Any], before: Row | None
) -> tuple[Row, dict[str, Any]]:
    row, noted = await store_document(KIND, conn, ctx, fields, values, before)
    if before is not None:
        spent = await used(conn, int(row["id"]))
        if row["total"] < spent:
            # Lines any note may hold; what was already refunded and applied refuses them.
            raise Conflict(
                f"the total {row['total']} is less than the {spent} refunded and applied", "items"
            )
    return await rebalance(conn, int(row["id"])), noted


async def _before_delete(conn: AsyncConnection, ctx: Ctx, row: Row) -> None:
    if await used(conn, int(row["id"])) > ZERO:
        raise Conflict("The credit note has refunds or applied credits; delete them first", "id")


VERBS = document_verbs(
    KIND,
    CreditNoteCreate,
    CreditNoteFields,
    Hooks(values=_values, store=_store, before_delete=_before_delete),
    initial=OPEN,
)
