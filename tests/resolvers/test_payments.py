"""Payments on the service layer: how they move an invoice's amount due and status."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select, update

from gateway.database import Database
from resolvers import invoices, payments
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from resolvers.models import Customer, Event, Payment, PaymentMode, table_of
from resolvers.totals import DRAFT, PAID, PARTIALLY_PAID, UNPAID

D = Decimal


async def make_customer(db: Database, company: str = "Zahara Foods LLC") -> Row:
    async with db.write() as conn:
        return await insert_row(conn, table_of(Customer), {"company": company})


async def make_invoice(ctx: Ctx, customer_id: int, total: int = 1000, **fields: Any) -> Row:
    return await invoices.create_invoice(ctx, {
        "customer_id": customer_id, "items": [{"description": "Work", "rate": total}], **fields,
    })  # fmt: skip


async def invoice(ctx: Ctx, invoice_id: int) -> Row:
    row = await invoices.get_invoice(ctx, invoice_id)
    assert row is not None
    return row


async def count(db: Database, model: Any, *where: Any) -> int:
    table = table_of(model)
    async with db.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(table).where(*where)) or 0)


async def event_count(db: Database, type_: str) -> int:
    return await count(db, Event, table_of(Event).c.type == type_)


async def mode_id(db: Database, name: str) -> int:
    modes = table_of(PaymentMode)
    async with db.read() as conn:
        return int(
            (await conn.execute(select(modes.c.id).where(modes.c.name == name))).scalar_one()
        )


def caller(db: Database, *grants: str) -> Ctx:
    return Ctx(db=db, principal=Principal(kind="token", id=9, name="t", grants=frozenset(grants)))


async def test_status_moves_through_partial_to_paid_and_back(ctx: Ctx, db: Database) -> None:
    # given an unpaid invoice of 1000
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    # when 400 is paid, then the rest
    first = await payments.record_payment(ctx, row["id"], {"amount": 400})
    partly = await invoice(ctx, row["id"])
    second = await payments.record_payment(ctx, row["id"], {"amount": "600.00"})
    paid = await invoice(ctx, row["id"])
    # then
    assert (partly["status"], partly["amount_paid"], partly["amount_due"]) == (
        PARTIALLY_PAID, D(400), D(600),
    )  # fmt: skip
    assert (paid["status"], paid["amount_due"]) == (PAID, D(0))
    assert await event_count(db, "payment.received") == 2
    assert await event_count(db, "invoice.paid") == 1
    # and deleting payments walks the status back
    await payments.delete_payment(ctx, second["id"])
    assert (await invoice(ctx, row["id"]))["status"] == PARTIALLY_PAID
    await payments.delete_payment(ctx, first["id"])
    back = await invoice(ctx, row["id"])
    assert (back["status"], back["amount_due"], back["amount_paid"]) == (UNPAID, D(1000), D(0))
    # and restoring one moves it forward again
    await payments.restore_payment(ctx, first["id"])
    assert (await invoice(ctx, row["id"]))["amount_paid"] == D(400)


async def test_an_overpayment_is_refused_and_writes_nothing(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    await payments.record_payment(ctx, row["id"], {"amount": 900})
    # The amount is valid; the invoice's balance refuses it.
    with pytest.raises(Conflict) as refused:
        await payments.record_payment(ctx, row["id"], {"amount": "100.01"})
    assert refused.value.field == "amount"
    assert await count(db, Payment) == 1
    assert await event_count(db, "payment.received") == 1
    assert (await invoice(ctx, row["id"]))["amount_due"] == D(100)


async def test_an_update_of_the_amount_resettles_within_the_due(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    payment = await payments.record_payment(ctx, row["id"], {"amount": 500})
    await payments.update_payment(ctx, payment["id"], {"amount": 1000, "note": "all of it"})
    assert (await invoice(ctx, row["id"]))["status"] == PAID
    with pytest.raises(Conflict) as too_much:
        await payments.update_payment(ctx, payment["id"], {"amount": "1000.01"})
    assert too_much.value.field == "amount"
    await payments.update_payment(ctx, payment["id"], {"amount": 250})
    assert (await invoice(ctx, row["id"]))["status"] == PARTIALLY_PAID


@pytest.mark.parametrize(
    ("given", "mode"),
    [("Bank", "Bank"), ("bank", "Bank"), ("BANK_TRANSFER", "Bank"), ("bank transfer", "Bank"),
     ("credit", "Credit card"), ("credit-card", "Credit card"), ("paypal", "PayPal")],
)  # fmt: skip
async def test_a_payment_mode_is_found_by_name(
    ctx: Ctx, db: Database, given: str, mode: str
) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    payment = await payments.record_payment(ctx, row["id"], {"amount": 1, "payment_mode": given})
    assert payment["payment_mode_id"] == await mode_id(db, mode)


async def test_a_payment_mode_by_id_and_unknown_or_inactive_ones(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    cash = await mode_id(db, "Cash")
    by_id = await payments.record_payment(ctx, row["id"], {"amount": 1, "payment_mode": cash})
    assert by_id["payment_mode_id"] == cash
    modes = table_of(PaymentMode)
    async with db.write() as conn:
        await conn.execute(update(modes).where(modes.c.id == cash).values(active=False))
    for bad in ("bitcoin", 999_999):
        with pytest.raises(Invalid) as refused:
            await payments.record_payment(ctx, row["id"], {"amount": 1, "payment_mode": bad})
        assert "payment_mode" in refused.value.errors
    # Cash is still a mode; switched off, its state refuses it.
    with pytest.raises(Conflict) as inactive:
        await payments.record_payment(ctx, row["id"], {"amount": 1, "payment_mode": "Cash"})
    assert inactive.value.field == "payment_mode"
    assert await count(db, Payment) == 1


async def test_a_payment_takes_today_and_its_details(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    payment = await payments.record_payment(ctx, row["id"], {
        "amount": "12.345", "transaction_id": "000355795931", "note": "wire",
        "payment_method": "SWIFT",
    })  # fmt: skip
    assert payment["date"] == dt.datetime.now(dt.UTC).date()
    assert (payment["amount"], payment["transaction_id"]) == (D("12.35"), "000355795931")


async def test_a_draft_or_cancelled_invoice_takes_no_payment(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    draft = await make_invoice(ctx, customer["id"], status=DRAFT)
    cancelled = await invoices.cancel_invoice(ctx, (await make_invoice(ctx, customer["id"]))["id"])
    for row in (draft, cancelled):
        with pytest.raises(Conflict) as refused:
            await payments.record_payment(ctx, row["id"], {"amount": 1})
        assert refused.value.field == "invoice_id"
    with pytest.raises(Invalid) as missing:
        await payments.record_payment(ctx, 999_999, {"amount": 1})
    assert "invoice_id" in missing.value.errors


async def test_a_paid_invoice_cannot_be_cancelled_or_deleted(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    await payments.record_payment(ctx, row["id"], {"amount": 1})
    with pytest.raises(Conflict):
        await invoices.cancel_invoice(ctx, row["id"])
    with pytest.raises(Conflict):
        await invoices.delete_invoice(ctx, row["id"])
    with pytest.raises(Conflict) as below:
        await invoices.update_invoice(
            ctx, row["id"], {"items": [{"description": "Less", "rate": "0.50"}]}
        )
    assert below.value.field == "items"


async def test_an_edit_of_a_partly_paid_invoice_moves_its_status(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    await payments.record_payment(ctx, row["id"], {"amount": 400})
    edited = await invoices.update_invoice(
        ctx, row["id"], {"items": [{"description": "Less", "rate": 400}]}
    )
    assert (edited["status"], edited["amount_due"]) == (PAID, D(0))


async def test_create_payment_names_the_invoice_in_the_body(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    payment = await payments.create_payment(ctx, {"invoice_id": str(row["id"]), "amount": 5})
    assert payment["invoice_id"] == row["id"]
    with pytest.raises(Invalid) as missing:
        await payments.create_payment(ctx, {"amount": 5})
    assert "invoice_id" in missing.value.errors


async def test_lists_filter_by_invoice_customer_dates_and_mode(ctx: Ctx, db: Database) -> None:
    ours, theirs = await make_customer(db), await make_customer(db, "Orbit Labs")
    a, b = await make_invoice(ctx, ours["id"]), await make_invoice(ctx, theirs["id"])
    await payments.record_payment(ctx, a["id"], {"amount": 1, "date": dt.date(2026, 1, 5),
                                                 "payment_mode": "cash"})  # fmt: skip
    await payments.record_payment(ctx, a["id"], {"amount": 2, "date": dt.date(2026, 2, 5)})
    await payments.record_payment(ctx, b["id"], {"amount": 3, "date": dt.date(2026, 3, 5)})
    page = PageArgs(first=50)

    async def amounts(**query: Any) -> list[Decimal]:
        return [r["amount"] for r in (await payments.list_payments(ctx, page, **query)).rows]

    assert await amounts(invoice_id=a["id"]) == [D(1), D(2)]
    assert await amounts(customer_id=theirs["id"]) == [D(3)]
    assert await amounts(date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 2, 28)) == [D(2)]
    assert await amounts(payment_mode="Cash") == [D(1)]
    assert (await payments.payments_by_invoice_id(ctx, [b["id"], a["id"]]))[0][0]["amount"] == 3


async def test_payments_need_their_own_grant(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_invoice(ctx, customer["id"])
    billing = caller(db, *(f"invoices:{a}" for a in ("get", "create", "update", "delete")))
    with pytest.raises(Forbidden):
        await payments.record_payment(billing, row["id"], {"amount": 1})
    payment = await payments.record_payment(ctx, row["id"], {"amount": 1})
    with pytest.raises(Forbidden):
        await payments.delete_payment(caller(db, "payments:create"), payment["id"])
    recorder = await payments.record_payment(
        caller(db, "payments:create"), row["id"], {"amount": 1}
    )
    assert recorder["amount"] == D(1)
    assert await count(db, Payment) == 2
