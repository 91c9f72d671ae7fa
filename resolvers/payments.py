"""Payments on invoices: each one moves its invoice's amount_due and status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import events, reading, writes
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Invalid, Missing
from resolvers.core.getters import getter
from resolvers.core.numbers import whole_number
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.core.records import fetch, insert_row, live, must_fetch, update_row
from resolvers.core.resources import Hooks, Relation, Resource, Verbs, register, relate
from resolvers.core.validation import Fields, parse
from resolvers.invoices import settle_invoice
from resolvers.line_items import LIMIT
from resolvers.line_items.documents import today
from resolvers.line_items.reads import BY_DATES, equal, scope_of
from resolvers.models import Invoice, Payment, PaymentMode, table_of
from resolvers.totals import CANCELLED, CENT, DRAFT, money

RESOURCE = "payments"
relate(RESOURCE, "invoice", Relation("invoices", "one", "invoice_id"))
relate("invoices", "payments", Relation(RESOURCE, "many", "invoice_id"))
# Payments reach their customer only through their invoice.
relate(
    "customers", "payments", Relation(RESOURCE, "through", "customer_id", Invoice, via="invoice_id")
)
relate(RESOURCE, "payment_mode", Relation("payment_modes", "one", "payment_mode_id"))
relate("payment_modes", "payments", Relation(RESOURCE, "many", "payment_mode_id"))
relate(RESOURCE, "recorded_by", Relation("staff", "one", "recorded_by_id"))
payments = table_of(Payment)
FILTERS = {"invoice_id": equal("invoice_id"), **BY_DATES}
invoices = table_of(Invoice)
modes = table_of(PaymentMode)


class PaymentFields(Fields):
    amount: Decimal | None = Field(default=None, ge=CENT, lt=LIMIT, allow_inf_nan=False)
    # Today (UTC) when left out.
    date: dt.date | None = None
    # A payment mode id or its name ("Bank", "bank_transfer", "credit card").
    payment_mode: int | str | None = None
    payment_method: str | None = Field(default=None, max_length=191)
    transaction_id: str | None = Field(default=None, max_length=191)
    note: str | None = Field(default=None, max_length=65_000)

    @field_validator("amount")
    @classmethod
    def _cents(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and money(value) <= 0:
            raise ValueError("must be at least 0.01")
        return None if value is None else money(value)


class PaymentCreate(PaymentFields):
    amount: Decimal = Field(ge=CENT, lt=LIMIT, allow_inf_nan=False)


def _words(name: str) -> list[str]:
    return name.lower().replace("_", " ").replace("-", " ").split()


async def _modes_named(conn: AsyncConnection, value: int | str) -> list[Row]:
    """The live modes `value` names: by id, or by name ignoring case and "_"/"-";
    failing an exact name, those whose name starts the given words or is started by
    them ("bank_transfer" finds "Bank", "credit" finds "Credit card")."""
    rows: list[Row] = [r._mapping for r in await conn.execute(select(modes).where(live(modes)))]
    number = whole_number(value)
    if number is not None or isinstance(value, int):
        return [r for r in rows if r["id"] == number]
    wanted = _words(str(value))
    found = [r for r in rows if _words(r["name"]) == wanted]
    return found or [
        r
        for r in rows
        if wanted[: len(_words(r["name"]))] == _words(r["name"])
        or _words(r["name"])[: len(wanted)] == wanted
    ]


async def payment_mode_id(conn: AsyncConnection, value: int | str | None) -> int | None:
    """The one active mode `value` names (_modes_named); 0 and "" mean none."""
    if value in (None, "", 0, "0"):
        return None
    found = await _modes_named(conn, value)
    if len(found) != 1:
        reason = "is ambiguous" if found else "is not a payment mode"
        raise Invalid.field("payment_mode", f"{value!r} {reason}")
    if not found[0]["active"]:
        # The mode exists; its stored state (switched off) is what refuses it.
        raise Conflict(f"payment mode {found[0]['name']!r} is not active", "payment_mode")
    return int(found[0]["id"])


async def _values(conn: AsyncConnection, fields: PaymentFields) -> dict[str, Any]:
    values = fields.model_dump(exclude_unset=True, exclude={"payment_mode"})
    if "payment_mode" in fields.model_fields_set:
        values["payment_mode_id"] = await payment_mode_id(conn, fields.payment_mode)
    for name in ("payment_method", "transaction_id", "note"):
        if name in values and values[name] is None:
            values[name] = ""
    if "date" in values and values["date"] is None:
        values["date"] = today()
    if "amount" in values and values["amount"] is None:
        raise Invalid.field("amount", "is required")
    return values


def _payable(invoice: Row) -> None:
    if invoice["status"] in (CANCELLED, DRAFT):
        state = "cancelled" if invoice["status"] == CANCELLED else "a draft"
        raise Conflict(f"The invoice is {state}; it takes no payments", field="invoice_id")


def _within_due(amount: Decimal, due: Decimal) -> None:
    if amount > due:
        # Any positive amount is valid; the invoice's balance is what refuses this one.
        raise Conflict(f"is more than the {due} due on the invoice", "amount")


async def list_payments(
    ctx: Ctx,
    page: PageArgs,
    *,
    customer_id: int | None = None,
    payment_mode: int | str | None = None,
    **query: Any,
) -> Page:
    """Payments of live invoices, filtered as the v1 document lists (FILTERS too)."""
    require(ctx.principal, RESOURCE, "get")
    live_invoices = select(invoices.c.id).where(live(invoices))
    if customer_id is not None:
        live_invoices = live_invoices.where(invoices.c.customer_id == customer_id)
    scope = [payments.c.invoice_id.in_(live_invoices), *scope_of(payments, FILTERS, query)]
    if payment_mode not in (None, ""):
        # A filter asks, it does not write: payments in any mode the words name, active
        # or not, and none when they name no mode.
        async with ctx.db.read() as conn:
            named = [] if payment_mode in (0, "0") else await _modes_named(conn, payment_mode)
        scope.append(payments.c.payment_mode_id.in_([int(r["id"]) for r in named]))
    return await reading.list_records(ctx, PAYMENTS, page, scope=scope, **query)


async def payments_by_invoice_id(ctx: Ctx, invoice_ids: list[int]) -> list[list[Row]]:
    """Batch: each invoice's live payments by date, in key order."""
    require(ctx.principal, RESOURCE, "get")
    async with ctx.db.read() as conn:
        rows = await conn.execute(
            select(payments)
            .where(payments.c.invoice_id.in_(set(invoice_ids)), live(payments))
            .order_by(payments.c.date, payments.c.id)
        )
        grouped: dict[int, list[Row]] = {i: [] for i in invoice_ids}
        for row in rows:
            grouped[row.invoice_id].append(row._mapping)
    return [grouped[i] for i in invoice_ids]


async def record_payment(ctx: Ctx, invoice_id: int, data: Mapping[str, Any]) -> Row:
    """Record a payment of at most the amount due; the invoice's status follows."""
    principal = require(ctx.principal, RESOURCE, "create")
    fields = parse(PaymentCreate, data)
    async with ctx.db.write() as conn:
        invoice = await fetch(conn, invoices, invoice_id)
        if invoice is None:
            raise Missing.field("invoice_id", f"no invoice {invoice_id}")
        _payable(invoice)
        _within_due(fields.amount, invoice["amount_due"])
        values = await _values(conn, fields)
        values.setdefault("date", today())
        row = await insert_row(
            conn, payments,
            {"invoice_id": invoice_id, "recorded_by_id": principal.staff_id, **values},
        )  # fmt: skip
        await events.record(conn, ctx, "payment.received", row["id"],
                            {"amount": row["amount"], "invoice_id": invoice_id},
                            parent=("invoice", invoice_id))  # fmt: skip
        await settle_invoice(conn, ctx, invoice_id)
    return row


async def create_payment(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    """record_payment for clients that name the invoice in the body (v1, Perfex)."""
    require(ctx.principal, RESOURCE, "create")
    rest = dict(data)
    raw = rest.pop("invoice_id", None)
    invoice_id = whole_number(raw)
    if invoice_id is None:
        raise Invalid.field("invoice_id", "is required" if raw is None else "must be an id")
    return await record_payment(ctx, invoice_id, rest)


async def _changed_values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, PaymentFields) and before is not None
    values = await _values(conn, fields)
    if "amount" in values and values["amount"] != before["amount"]:
        invoice = await must_fetch(conn, invoices, before["invoice_id"], "Invoice")
        _within_due(values["amount"], invoice["amount_due"] + before["amount"])
    return values


async def _store(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, values: dict[str, Any], before: Row | None
) -> tuple[Row, dict[str, Any]]:
    assert before is not None
    row = await update_row(conn, payments, before["id"], values) if values else before
    await settle_invoice(conn, ctx, int(row["invoice_id"]))
    return row, {}


async def _before_restore(conn: AsyncConnection, row: Row) -> None:
    # Back on its invoice only while the invoice takes payments and still owes it.
    invoice = await must_fetch(conn, invoices, row["invoice_id"], "Invoice")
    if row["deleted_at"] is not None:
        _payable(invoice)
        _within_due(row["amount"], invoice["amount_due"])


async def _settle(conn: AsyncConnection, ctx: Ctx, row: Row) -> None:
    # Deleted, the invoice goes back to Partially Paid or Unpaid; restored, it moves on.
    await settle_invoice(conn, ctx, int(row["invoice_id"]))


PAYMENTS = register(
    Resource(
        name=RESOURCE,
        model=Payment,
        label="Payment",
        search=("transaction_id", "note", "payment_method"),
        # Created by record_payment, on an invoice.
        verbs=Verbs(
            update=PaymentFields,
            delete=True,
            restore=True,
            event="payment",
            hooks=Hooks(
                values=_changed_values,
                store=_store,
                before_restore=_before_restore,
                after_toggle=_settle,
                parent=lambda row: ("invoice", int(row["invoice_id"])),
                deleted=lambda row: {"amount": row["amount"]},
            ),
        ),
    )
)
get_payment = getter(PAYMENTS, __name__, "get_payment")
# The ordinary verbs, as operations for the REST rows; GraphQL generates its own.
update_payment = writes.operation(PAYMENTS, "update")
delete_payment = writes.operation(PAYMENTS, "delete")
restore_payment = writes.operation(PAYMENTS, "restore")
