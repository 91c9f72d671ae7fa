"""Writing invoices: the ordinary verbs (resolvers.invoices.rules), send, cancel and uncancel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict
from resolvers.core.ordinary import operations
from resolvers.core.permissions import require
from resolvers.core.records import changes, must_fetch, update_row
from resolvers.invoices.resource import INVOICES, KIND, RESOURCE
from resolvers.invoices.settlement import settle_invoice
from resolvers.line_items.transitions import transition
from resolvers.models.types import utcnow
from resolvers.totals import CANCELLED, DRAFT, UNPAID, ZERO

invoices = INVOICES.table


# The ordinary verbs, as operations for the REST rows; GraphQL generates its own.
create_invoice, update_invoice, delete_invoice, restore_invoice = operations(INVOICES)


def _sendable(row: Row) -> None:
    if row["status"] == CANCELLED:
        raise Conflict("A cancelled invoice cannot be sent", field="status")


async def send_invoice(ctx: Ctx, invoice_id: int, data: Mapping[str, Any] | None = None) -> Row:
    """Email the invoice as a PDF (options: resolvers.documents.SendFields), then mark it
    sent; a draft becomes Unpaid. When the email fails nothing is marked."""
    # Imported here: the documents package reads invoices through this package.
    from resolvers.documents import email_document

    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.read() as conn:
        _sendable(await must_fetch(conn, invoices, invoice_id, "Invoice"))
    # Mailed before the write, so no transaction is held open while the server answers.
    emailed = await email_document(ctx, RESOURCE, invoice_id, data)
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, invoices, invoice_id, "Invoice")
        _sendable(before)
        values: dict[str, Any] = {"sent": True, "sent_at": utcnow()}
        if before["status"] == DRAFT:
            values["status"] = UNPAID
        await update_row(conn, invoices, invoice_id, values)
        row = await settle_invoice(conn, ctx, invoice_id)
        await events.record(conn, ctx, "invoice.sent", invoice_id,
                            {**changes(before, values), **emailed},
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row


async def cancel_invoice(ctx: Ctx, invoice_id: int) -> Row:
    require(ctx.principal, RESOURCE, "update")

    def decide(row: Row) -> dict[str, Any] | None:
        if row["status"] == CANCELLED:
            return None
        if row["amount_paid"] > ZERO or row["credits_applied"] > ZERO:
            raise Conflict("An invoice with payments or credits cannot be cancelled", "status")
        return {"status": CANCELLED}

    return await transition(ctx, KIND, invoice_id, "cancelled", decide)


async def uncancel_invoice(ctx: Ctx, invoice_id: int) -> Row:
    """A cancelled invoice returns to where its payments put it (Unpaid, Overdue...)."""
    require(ctx.principal, RESOURCE, "update")

    def decide(row: Row) -> dict[str, Any] | None:
        return None if row["status"] != CANCELLED else {"status": UNPAID}

    async def settle(conn: AsyncConnection, row: Row) -> Row:
        return await settle_invoice(conn, ctx, invoice_id)

    return await transition(ctx, KIND, invoice_id, "uncancelled", decide, after=settle)
