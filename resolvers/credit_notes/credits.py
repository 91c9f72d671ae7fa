"""Spending a credit note: refunds paid back to the customer, and credits applied to the
customer's invoices (which settle those invoices in the same transaction)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import Field, field_validator
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import events, reading
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Missing
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.core.records import fetch, insert_row, must_fetch, set_deleted
from resolvers.core.resources import Resource
from resolvers.core.validation import Fields, parse
from resolvers.credit_notes.balance import rebalance
from resolvers.credit_notes.resource import CREDIT_NOTES, CREDITS, REFUNDS, RESOURCE, VOID
from resolvers.invoices import settle_invoice
from resolvers.line_items import LIMIT
from resolvers.line_items.documents import today
from resolvers.models import Invoice, table_of
from resolvers.payments import payment_mode_id
from resolvers.projects.common import lister
from resolvers.totals import CANCELLED, CENT, DRAFT, money

credit_notes = CREDIT_NOTES.table
invoices = table_of(Invoice)


class _Amount(Fields):
    amount: Decimal = Field(ge=CENT, lt=LIMIT, allow_inf_nan=False)

    @field_validator("amount")
    @classmethod
    def _cents(cls, value: Decimal) -> Decimal:
        if money(value) <= 0:
            raise ValueError("must be at least 0.01")
        return money(value)


class RefundCreate(_Amount):
    # Today (UTC) when left out.
    refunded_on: dt.date | None = None
    # A payment mode id or name.
    payment_mode: int | str | None = None
    note: str | None = Field(default=None, max_length=65_000)


class CreditApply(_Amount):
    invoice_id: int
    date: dt.date | None = None


async def _spendable(conn: AsyncConnection, credit_note_id: int, amount: Decimal) -> Row:
    note = await must_fetch(conn, credit_notes, credit_note_id, "Credit Note")
    if note["status"] == VOID:
        raise Conflict("A void credit note cannot be refunded or applied", field="status")
    if amount > note["remaining_amount"]:
        # Any positive amount is valid; the note's balance is what refuses this one.
        raise Conflict(f"is more than the {note['remaining_amount']} remaining", "amount")
    return note


async def refund_credit_note(ctx: Ctx, credit_note_id: int, data: Mapping[str, Any]) -> Row:
    """Pay back part of what remains of the note; returns the refund."""
    principal = require(ctx.principal, RESOURCE, "update")
    fields = parse(RefundCreate, data)
    async with ctx.db.write() as conn:
        note = await _spendable(conn, credit_note_id, fields.amount)
        row = await insert_row(conn, REFUNDS.table, {
            "credit_note_id": credit_note_id,
            "amount": fields.amount,
            "refunded_on": fields.refunded_on or today(),
            "payment_mode_id": await payment_mode_id(conn, fields.payment_mode),
            "note": fields.note or "",
            "staff_id": principal.staff_id,
        })  # fmt: skip
        await rebalance(conn, credit_note_id)
        await events.record(conn, ctx, "credit_note.refunded", credit_note_id,
                            {"refund_id": row["id"], "amount": row["amount"]},
                            parent=("customer", note["customer_id"]))  # fmt: skip
    return row


async def apply_credit(ctx: Ctx, credit_note_id: int, data: Mapping[str, Any]) -> Row:
    """Apply part of the note to an invoice of the same customer; returns the credit."""
    principal = require(ctx.principal, RESOURCE, "update")
    fields = parse(CreditApply, data)
    async with ctx.db.write() as conn:
        note = await _spendable(conn, credit_note_id, fields.amount)
        invoice = await fetch(conn, invoices, fields.invoice_id)
        if invoice is None:
            raise Missing.field("invoice_id", f"no invoice {fields.invoice_id}")
        if invoice["customer_id"] != note["customer_id"]:
            raise Conflict("the invoice belongs to another customer", "invoice_id")
        if invoice["status"] in (CANCELLED, DRAFT):
            raise Conflict("Credits apply only to issued, uncancelled invoices", "invoice_id")
        if fields.amount > invoice["amount_due"]:
            raise Conflict(f"is more than the {invoice['amount_due']} due", "amount")
        row = await insert_row(conn, CREDITS.table, {
            "credit_note_id": credit_note_id,
            "invoice_id": fields.invoice_id,
            "amount": fields.amount,
            "date": fields.date or today(),
            "staff_id": principal.staff_id,
        })  # fmt: skip
        await rebalance(conn, credit_note_id)
        await events.record(conn, ctx, "credit_note.applied", credit_note_id,
                            {"invoice_id": fields.invoice_id, "amount": fields.amount},
                            parent=("invoice", fields.invoice_id))  # fmt: skip
        await settle_invoice(conn, ctx, fields.invoice_id)
    return row


async def delete_refund(ctx: Ctx, refund_id: int) -> Row:
    """Take a refund back: the amount is credit again."""
    return await _take_back(ctx, REFUNDS, refund_id, "refund_deleted", "refund_id")


async def delete_applied_credit(ctx: Ctx, credit_id: int) -> Row:
    """Take an applied credit back from its invoice: the invoice owes it again."""
    return await _take_back(ctx, CREDITS, credit_id, "credit_deleted", "credit_id")


async def _take_back(ctx: Ctx, part: Resource, part_id: int, verb: str, key: str) -> Row:
    """Delete a refund or an applied credit: what it spent of the note is credit again;
    the event is filed under the invoice a credit was applied to, which is settled again."""
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        await must_fetch(conn, part.table, part_id, part.label)
        row = await set_deleted(conn, part.table, part_id, deleted=True)
        note = await rebalance(conn, int(row["credit_note_id"]))
        invoice_id = row["invoice_id"] if part is CREDITS else None
        await events.record(conn, ctx, f"credit_note.{verb}", note["id"],
                            {key: part_id, "amount": row["amount"]},
                            parent=("customer", note["customer_id"]) if invoice_id is None
                            else ("invoice", invoice_id))  # fmt: skip
        if invoice_id is not None:
            await settle_invoice(conn, ctx, int(invoice_id))
    return row


async def list_refunds(ctx: Ctx, credit_note_id: int, page: PageArgs, **query: Any) -> Page:
    scope = [REFUNDS.table.c.credit_note_id == credit_note_id]
    return await reading.list_records(ctx, REFUNDS, page, scope=scope, **query)


# Applied credits of a credit note, or of an invoice.
list_credits = lister(CREDITS, __name__, "credit_note_id", "invoice_id")
