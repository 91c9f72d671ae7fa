"""Writing invoices: create, update, delete and restore, send, cancel and uncancel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import events
from resolvers.context import Ctx, Row
from resolvers.custom_fields import set_custom_values
from resolvers.errors import Conflict, Invalid, NotFound
from resolvers.invoices.inputs import InvoiceCreate, InvoiceFields
from resolvers.invoices.resource import INVOICES, KIND, RESOURCE
from resolvers.invoices.settlement import settle_invoice
from resolvers.line_items.documents import columns, create_document, require_row, update_document
from resolvers.models import PaymentMode, Staff, Subscription, table_of
from resolvers.models.types import utcnow
from resolvers.permissions import require
from resolvers.records import changes, fetch, fetch_many, must_fetch, set_deleted, update_row
from resolvers.totals import CANCELLED, DRAFT, UNPAID, ZERO
from resolvers.validation import parse

invoices = INVOICES.table


async def _values(ctx: Ctx, fields: InvoiceFields) -> dict[str, Any]:
    values = await columns(ctx, invoices, fields, skip={"allowed_payment_modes"})
    if fields.allowed_payment_modes is not None:
        modes = list(dict.fromkeys(fields.allowed_payment_modes))
        values["allowed_payment_modes"] = ",".join(map(str, modes))
    return values


async def _check_references(
    conn: AsyncConnection, fields: InvoiceFields, values: Mapping[str, Any]
) -> None:
    if values.get("sale_agent_id") is not None:
        await require_row(conn, table_of(Staff), values["sale_agent_id"], "sale_agent_id", "staff")
    if values.get("subscription_id") is not None:
        await require_row(
            conn, table_of(Subscription), values["subscription_id"], "subscription_id",
            "subscription",
        )  # fmt: skip
    if fields.allowed_payment_modes:
        found = await fetch_many(conn, table_of(PaymentMode), fields.allowed_payment_modes)
        missing = sorted(set(fields.allowed_payment_modes) - found.keys())
        if missing:
            raise Invalid.field("allowed_payment_modes", f"unknown payment mode(s) {missing}")


def _check_dates(row: Row) -> None:
    if row["due_date"] is not None and row["due_date"] < row["date"]:
        raise Invalid.field("due_date", "is before the invoice date")


def _settled_within_total(row: Row) -> None:
    settled = row["amount_paid"] + row["credits_applied"]
    if row["total"] < settled:
        raise Invalid.field(
            "items", f"the total {row['total']} is less than the {settled} paid and credited"
        )


def _summary(row: Row) -> dict[str, Any]:
    return {"number": row["number"], "total": row["total"], "status": row["status"]}


async def create_invoice(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    """A new invoice, Unpaid (or Draft when asked), its figures computed from its lines."""
    principal = require(ctx.principal, RESOURCE, "create")
    fields = parse(InvoiceCreate, data)
    values = await _values(ctx, fields)
    values.setdefault("status", UNPAID)
    async with ctx.db.write() as conn:
        await _check_references(conn, fields, values)
        row, _ = await create_document(
            conn, KIND, fields, {"added_by_id": principal.staff_id, **values}
        )
        _check_dates(row)
        row = await settle_invoice(conn, ctx, int(row["id"]))
        custom = await set_custom_values(
            conn, ctx, RESOURCE, row["id"], fields.custom_fields or {}, creating=True
        )
        await events.record(conn, ctx, "invoice.created", row["id"], {**_summary(row), **custom},
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row


async def update_invoice(ctx: Ctx, invoice_id: int, data: Mapping[str, Any]) -> Row:
    """Change an invoice; figures, amount_due and status are recomputed."""
    require(ctx.principal, RESOURCE, "update")
    fields = parse(InvoiceFields, data)
    values = await _values(ctx, fields)
    async with ctx.db.write() as conn:
        current = await must_fetch(conn, invoices, invoice_id, "Invoice")
        if values.get("status") == DRAFT and current["status"] != DRAFT:
            raise Invalid.field("status", "an issued invoice cannot become a draft again")
        if values.get("status") == UNPAID and current["status"] != DRAFT:
            values.pop("status")
        await _check_references(conn, fields, values)
        before, row, lines = await update_document(conn, KIND, invoice_id, fields, values)
        _check_dates(row)
        _settled_within_total(row)
        row = await settle_invoice(conn, ctx, invoice_id)
        diff: dict[str, Any] = changes(before, values)
        if lines is not None:
            diff["items"] = lines.summary()
        diff.update(
            await set_custom_values(conn, ctx, RESOURCE, invoice_id, fields.custom_fields or {})
        )
        await events.record(conn, ctx, "invoice.updated", invoice_id, diff,
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row


async def delete_invoice(ctx: Ctx, invoice_id: int) -> Row:
    """Soft delete; an invoice with payments or credits keeps them, so it must lose them first."""
    require(ctx.principal, RESOURCE, "delete")
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, invoices, invoice_id, "Invoice")
        if before["amount_paid"] > ZERO or before["credits_applied"] > ZERO:
            raise Conflict(
                "The invoice has payments or credits applied; delete them first", field="id"
            )
        row = await set_deleted(conn, invoices, invoice_id, deleted=True)
        await events.record(conn, ctx, "invoice.deleted", invoice_id,
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row


async def restore_invoice(ctx: Ctx, invoice_id: int) -> Row:
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        if await fetch(conn, invoices, invoice_id, deleted=True) is None:
            raise NotFound("Invoice", invoice_id)
        await set_deleted(conn, invoices, invoice_id, deleted=False)
        row = await settle_invoice(conn, ctx, invoice_id)
        await events.record(conn, ctx, "invoice.restored", invoice_id,
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row


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
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, invoices, invoice_id, "Invoice")
        if before["status"] == CANCELLED:
            return before
        if before["amount_paid"] > ZERO or before["credits_applied"] > ZERO:
            raise Conflict("An invoice with payments or credits cannot be cancelled", "status")
        row = await update_row(conn, invoices, invoice_id, {"status": CANCELLED})
        await events.record(conn, ctx, "invoice.cancelled", invoice_id,
                            {"status": [before["status"], CANCELLED]},
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row


async def uncancel_invoice(ctx: Ctx, invoice_id: int) -> Row:
    """A cancelled invoice returns to where its payments put it (Unpaid, Overdue...)."""
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, invoices, invoice_id, "Invoice")
        if before["status"] != CANCELLED:
            return before
        await update_row(conn, invoices, invoice_id, {"status": UNPAID})
        row = await settle_invoice(conn, ctx, invoice_id)
        await events.record(conn, ctx, "invoice.uncancelled", invoice_id,
                            {"status": [CANCELLED, row["status"]]},
                            parent=("customer", row["customer_id"]))  # fmt: skip
    return row
