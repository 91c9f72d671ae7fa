"""An invoice's own rules around the ordinary verbs: what a client may write, its status
rules, its lines and figures, and the settlement every change is followed by."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Missing
from resolvers.core.records import fetch_many
from resolvers.core.resources import Hooks
from resolvers.invoices.inputs import InvoiceCreate, InvoiceFields
from resolvers.invoices.settlement import settle_invoice
from resolvers.line_items import Kind
from resolvers.line_items.documents import (
    References,
    check_references,
    columns,
    document_verbs,
    store_document,
)
from resolvers.models import Invoice, InvoiceItem, PaymentMode, Staff, Subscription, table_of
from resolvers.totals import DRAFT, UNPAID, ZERO

KIND = Kind("Invoice", Invoice, InvoiceItem, until="due_date")
RESOURCE, invoices = KIND.resource, KIND.table
REFERENCES: References = {
    "sale_agent_id": (Staff, "staff"),
    "subscription_id": (Subscription, "subscription"),
}


async def _check_references(
    conn: AsyncConnection, fields: InvoiceFields, values: Mapping[str, Any]
) -> None:
    await check_references(conn, values, REFERENCES)
    if fields.allowed_payment_modes:
        found = await fetch_many(conn, table_of(PaymentMode), fields.allowed_payment_modes)
        missing = sorted(set(fields.allowed_payment_modes) - found.keys())
        if missing:
            raise Missing.field("allowed_payment_modes", f"unknown payment mode(s) {missing}")


async def _values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, InvoiceFields)
    values = await columns(ctx, invoices, fields, skip={"allowed_payment_modes"})
    if fields.allowed_payment_modes is not None:
        modes = list(dict.fromkeys(fields.allowed_payment_modes))
        values["allowed_payment_modes"] = ",".join(map(str, modes))
    # A new invoice is Unpaid (VERBS' initial status) unless a draft is asked for; an
    # issued one's status follows its payments.
    if before is not None and before["status"] != DRAFT:
        if values.get("status") == DRAFT:
            # Draft is a status the body may send; the invoice's own state refuses it.
            raise Conflict("an issued invoice cannot become a draft again", field="status")
        if values.get("status") == UNPAID:
            values.pop("status")
    await _check_references(conn, fields, values)
    return values


async def _store(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, values: dict[str, Any], before: Row | None
) -> tuple[Row, dict[str, Any]]:
    row, noted = await store_document(KIND, conn, ctx, fields, values, before)
    settled = row["amount_paid"] + row["credits_applied"]
    if row["total"] < settled:
        # Lines any invoice may hold; what was already paid and credited refuses them.
        raise Conflict(
            f"the total {row['total']} is less than the {settled} paid and credited", "items"
        )
    return await settle_invoice(conn, ctx, int(row["id"])), noted


async def _before_delete(conn: AsyncConnection, ctx: Ctx, row: Row) -> None:
    # Payments and credits stay with their invoice, so it must lose them first.
    if row["amount_paid"] > ZERO or row["credits_applied"] > ZERO:
        raise Conflict("The invoice has payments or credits applied; delete them first", "id")


async def _after_toggle(conn: AsyncConnection, ctx: Ctx, row: Row) -> Row | None:
    # A restored invoice stands where its payments put it now.
    return None if row["deleted_at"] is not None else await settle_invoice(conn, ctx, row["id"])


VERBS = document_verbs(
    KIND,
    InvoiceCreate,
    InvoiceFields,
    Hooks(values=_values, store=_store, before_delete=_before_delete, after_toggle=_after_toggle),
    initial=UNPAID,
)
