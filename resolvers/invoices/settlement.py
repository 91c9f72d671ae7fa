"""Where an invoice stands after payments and credits: one function, run inside the
transaction of whatever changed them (a payment, a credit applied, an edit)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.records import live, must_fetch, update_row
from resolvers.line_items.documents import today
from resolvers.models import CreditApplied, Invoice, Payment, table_of
from resolvers.totals import PAID, ZERO, invoice_status

invoices = table_of(Invoice)
payments = table_of(Payment)
credits_applied = table_of(CreditApplied)


async def _sum(conn: AsyncConnection, table: Table, invoice_id: int) -> Decimal:
    total = await conn.scalar(
        select(func.sum(table.c.amount)).where(table.c.invoice_id == invoice_id, live(table))
    )
    return Decimal(total) if total is not None else ZERO


async def settle_invoice(conn: AsyncConnection, ctx: Ctx, invoice_id: int) -> Row:
    """Recompute amount_paid, credits_applied, amount_due and status from the rows, and
    record invoice.paid when this change is the one that paid it."""
    before = await must_fetch(conn, invoices, invoice_id, "Invoice")
    paid = await _sum(conn, payments, invoice_id)
    credited = await _sum(conn, credits_applied, invoice_id)
    values = {
        "amount_paid": paid,
        "credits_applied": credited,
        "amount_due": before["total"] - paid - credited,
        "status": invoice_status(
            current=before["status"],
            total=before["total"],
            paid=paid,
            credited=credited,
            due_date=before["due_date"],
            today=today(),
        ),
    }
    changed = {k: v for k, v in values.items() if before[k] != v}
    if not changed:
        return before
    row = await update_row(conn, invoices, invoice_id, changed)
    if row["status"] == PAID and before["status"] != PAID:
        await events.record(
            conn, ctx, "invoice.paid", invoice_id,
            {"amount_paid": paid, "credits_applied": credited},
            parent=("customer", int(row["customer_id"])),
        )  # fmt: skip
    return row
