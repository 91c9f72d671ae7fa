"""Estimates on the service layer: lines and numbers, sending, acceptance, expiry, and
conversion (once) into an invoice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from gateway.database import Database
from resolvers import estimates, invoices
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from resolvers.estimates import ACCEPTED, DECLINED, DRAFT, EXPIRED, SENT
from resolvers.models import Customer, Estimate, Event, Invoice, InvoiceItem, Tax, table_of
from resolvers.numbering import formatted_number
from resolvers.totals import DRAFT as INVOICE_DRAFT
from resolvers.totals import UNPAID

D = Decimal
TODAY = dt.datetime.now(dt.UTC).date()


async def make_customer(db: Database, company: str = "Zahara Foods LLC") -> Row:
    async with db.write() as conn:
        return await insert_row(conn, table_of(Customer), {"company": company})


async def vat(db: Database) -> int:
    taxes = table_of(Tax)
    async with db.read() as conn:
        return int(
            (await conn.execute(select(taxes.c.id).where(taxes.c.name == "VAT"))).scalar_one()
        )


async def make_estimate(ctx: Ctx, customer_id: int, **fields: Any) -> Row:
    items = fields.pop(
        "items",
        [
            {"description": "Solution Design", "qty": 1, "rate": 2400},
            {"description": "Training (8h)", "qty": 8, "rate": 180},
        ],
    )
    return await estimates.create_estimate(
        ctx, {"customer_id": customer_id, "items": items, **fields}
    )


async def count(db: Database, model: Any, *where: Any) -> int:
    table = table_of(model)
    async with db.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(table).where(*where)) or 0)


async def event_count(db: Database, type_: str) -> int:
    return await count(db, Event, table_of(Event).c.type == type_)


def caller(db: Database, *grants: str) -> Ctx:
    return Ctx(db=db, principal=Principal(kind="token", id=9, name="t", grants=frozenset(grants)))


async def test_a_new_estimate_is_a_numbered_draft_with_figures(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_estimate(ctx, customer["id"], expiry_date=TODAY + dt.timedelta(days=21))
    chosen = await make_estimate(ctx, customer["id"], number="EST-007")
    assert (row["status"], row["number"], row["total"]) == (DRAFT, 1, D("3840.00"))
    assert chosen["number"] == 7 and formatted_number("estimates", chosen) == "EST-000007"
    with pytest.raises(Conflict) as taken:
        await make_estimate(ctx, customer["id"], number=7)
    assert taken.value.message == "The Estimate number is already in use"
    with pytest.raises(Invalid) as past:
        await make_estimate(ctx, customer["id"], date=TODAY, expiry_date=TODAY - dt.timedelta(1))
    assert "expiry_date" in past.value.errors
    with pytest.raises(Invalid) as unknown:
        await make_estimate(ctx, 999_999)
    assert "customer_id" in unknown.value.errors
    assert await event_count(db, "estimate.created") == 2


async def test_an_update_replaces_lines_and_takes_a_status(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_estimate(ctx, customer["id"])
    updated = await estimates.update_estimate(ctx, row["id"], {
        "status": SENT, "items": [{"description": "Only", "rate": 100}],
    })  # fmt: skip
    assert (updated["status"], updated["total"]) == (SENT, D(100))
    with pytest.raises(Invalid) as bad:
        await estimates.update_estimate(ctx, row["id"], {"status": 9})
    assert "status" in bad.value.errors


async def test_send_accept_and_decline(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_estimate(ctx, customer["id"])
    sent = await estimates.send_estimate(ctx, row["id"])
    assert (sent["status"], sent["sent"]) == (SENT, True)
    accepted = await estimates.accept_estimate(ctx, row["id"], {
        "acceptance_firstname": "Karim", "acceptance_lastname": "Rahman",
        "acceptance_email": "karim@zaharahq.ae", "acceptance_ip": "10.0.0.7",
    })  # fmt: skip
    assert (accepted["status"], accepted["acceptance_firstname"]) == (ACCEPTED, "Karim")
    assert accepted["accepted_at"] is not None
    again = await estimates.accept_estimate(ctx, row["id"])
    assert again["accepted_at"] == accepted["accepted_at"]
    declined = await estimates.decline_estimate(ctx, row["id"])
    assert declined["status"] == DECLINED
    assert [await event_count(db, f"estimate.{e}") for e in ("sent", "accepted", "declined")] == [
        1, 1, 1,
    ]  # fmt: skip


async def test_an_expired_estimate_cannot_be_accepted(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    long_ago = TODAY - dt.timedelta(days=30)
    row = await make_estimate(ctx, customer["id"], date=long_ago, expiry_date=long_ago)
    current = await make_estimate(ctx, customer["id"], expiry_date=TODAY)
    assert await estimates.expire_estimates(ctx) == [row["id"]]
    assert (await estimates.get_estimate(ctx, row["id"]) or {})["status"] == EXPIRED
    with pytest.raises(Conflict) as refused:
        await estimates.accept_estimate(ctx, row["id"])
    assert refused.value.field == "expiry_date"
    assert (await estimates.accept_estimate(ctx, current["id"]))["status"] == ACCEPTED


async def test_conversion_copies_lines_and_figures_once(ctx: Ctx, db: Database) -> None:
    # given an estimate with a tax and a discount
    customer = await make_customer(db)
    row = await make_estimate(
        ctx, customer["id"], discount_type="before_tax", discount_percent=10, terms="Net 30",
        items=[{"description": "Design", "rate": 1000, "tax_id": await vat(db)},
               {"description": "Build", "qty": 2, "rate": 500}],
    )  # fmt: skip
    # when it is converted
    bill = await estimates.convert_estimate_to_invoice(ctx, row["id"])
    # then the invoice carries the same figures and lines, and the estimate links it
    same = ("subtotal", "total_tax", "discount_total", "total", "currency_id", "terms")
    assert {k: bill[k] for k in same} == {k: row[k] for k in same}
    assert (bill["status"], bill["amount_due"], bill["number"]) == (UNPAID, bill["total"], 1)
    copied = (await invoices.items_by_invoice_id(ctx, [bill["id"]]))[0]
    original = (await estimates.items_by_estimate_id(ctx, [row["id"]]))[0]
    keys = ("description", "qty", "rate", "tax_id", "tax_rate", "item_order")
    assert [[ln[k] for k in keys] for ln in copied] == [[ln[k] for k in keys] for ln in original]
    linked = await estimates.get_estimate(ctx, row["id"])
    assert linked is not None
    assert (linked["invoice_id"], linked["status"]) == (bill["id"], ACCEPTED)
    assert linked["invoiced_at"] is not None
    assert await event_count(db, "estimate.converted") == 1
    assert await event_count(db, "invoice.created") == 1
    # and a second conversion is refused, leaving one invoice
    with pytest.raises(Conflict) as twice:
        await estimates.convert_estimate_to_invoice(ctx, row["id"])
    assert twice.value.field == "invoice_id"
    assert await count(db, Invoice) == 1
    assert await count(db, InvoiceItem) == 2
    with pytest.raises(Conflict):
        await estimates.decline_estimate(ctx, row["id"])


async def test_conversion_takes_a_date_and_a_draft_status(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_estimate(ctx, customer["id"])
    due = TODAY + dt.timedelta(days=14)
    bill = await estimates.convert_estimate_to_invoice(
        ctx, row["id"], {"status": INVOICE_DRAFT, "due_date": due}
    )
    assert (bill["status"], bill["due_date"]) == (INVOICE_DRAFT, due)


async def test_conversion_needs_the_invoice_grant_too(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_estimate(ctx, customer["id"])
    estimator = caller(db, "estimates:get", "estimates:update")
    with pytest.raises(Forbidden):
        await estimates.convert_estimate_to_invoice(estimator, row["id"])
    with pytest.raises(Forbidden):
        await estimates.create_estimate(estimator, {"customer_id": customer["id"]})
    assert await count(db, Invoice) == 0
    assert await count(db, Estimate) == 1


async def test_lists_delete_and_restore(ctx: Ctx, db: Database) -> None:
    ours, theirs = await make_customer(db), await make_customer(db, "Orbit Labs")
    row = await make_estimate(ctx, ours["id"])
    await make_estimate(ctx, theirs["id"], reference_no="PO-7781")
    assert (await estimates.list_estimates(ctx, PageArgs(), customer_id=ours["id"])).total == 1
    assert (await estimates.list_estimates(ctx, PageArgs(), search="PO-7781")).total == 1
    await estimates.delete_estimate(ctx, row["id"])
    assert await estimates.get_estimate(ctx, row["id"]) is None
    await estimates.restore_estimate(ctx, row["id"])
    assert await estimates.get_estimate(ctx, row["id"]) is not None
