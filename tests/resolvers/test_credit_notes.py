"""Credit notes on the service layer: lines and figures, refunds, credits applied to
invoices, open/closed/void, and what each does to the invoice it touches."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from gateway.database import Database
from resolvers import credit_notes, invoices
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid, Missing
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from resolvers.credit_notes import CLOSED, OPEN, VOID
from resolvers.models import CreditApplied, CreditNote, CreditNoteRefund, Customer, Event, table_of
from resolvers.numbering import formatted_number
from resolvers.totals import DRAFT, PAID, PARTIALLY_PAID, UNPAID

D = Decimal


async def make_customer(db: Database, company: str = "Zahara Foods LLC") -> Row:
    async with db.write() as conn:
        return await insert_row(conn, table_of(Customer), {"company": company})


async def make_note(ctx: Ctx, customer_id: int, amount: int = 500, **fields: Any) -> Row:
    return await credit_notes.create_credit_note(ctx, {
        "customer_id": customer_id,
        "items": [{"description": "Refund for service", "rate": amount}], **fields,
    })  # fmt: skip


async def make_invoice(ctx: Ctx, customer_id: int, total: int = 1000, **fields: Any) -> Row:
    return await invoices.create_invoice(ctx, {
        "customer_id": customer_id, "items": [{"description": "Work", "rate": total}], **fields,
    })  # fmt: skip


async def note(ctx: Ctx, credit_note_id: int) -> Row:
    row = await credit_notes.get_credit_note(ctx, credit_note_id)
    assert row is not None
    return row


async def invoice(ctx: Ctx, invoice_id: int) -> Row:
    row = await invoices.get_invoice(ctx, invoice_id)
    assert row is not None
    return row


async def count(db: Database, model: Any, *where: Any) -> int:
    table = table_of(model)
    async with db.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(table).where(*where)) or 0)


async def test_a_new_note_is_open_with_all_of_it_remaining(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_note(ctx, customer["id"], total="1.00", items=[
        {"description": "Refund", "qty": 2, "rate": 250}])  # fmt: skip
    again = await make_note(ctx, customer["id"])
    assert (row["total"], row["remaining_amount"], row["status"]) == (D(500), D(500), OPEN)
    assert formatted_number("credit_notes", again) == "CN-000002"
    with pytest.raises(Conflict) as taken:
        await make_note(ctx, customer["id"], number=1)
    assert taken.value.message == "The Credit Note number is already in use"
    with pytest.raises(Invalid) as empty:
        await make_note(ctx, customer["id"], items=[])
    assert "items" in empty.value.errors
    assert await count(db, Event, table_of(Event).c.type == "credit_note.created") == 2


async def test_refunds_take_from_what_remains_and_close_it(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_note(ctx, customer["id"])
    refund = await credit_notes.refund_credit_note(
        ctx, row["id"], {"amount": 200, "payment_mode": "bank", "note": "wire back"}
    )
    assert (await note(ctx, row["id"]))["remaining_amount"] == D(300)
    # The amount is valid; what remains of the note refuses it.
    with pytest.raises(Conflict) as too_much:
        await credit_notes.refund_credit_note(ctx, row["id"], {"amount": "300.01"})
    assert too_much.value.field == "amount"
    await credit_notes.refund_credit_note(ctx, row["id"], {"amount": 300})
    closed = await note(ctx, row["id"])
    assert (closed["remaining_amount"], closed["status"]) == (D(0), CLOSED)
    refunds = await credit_notes.list_refunds(ctx, row["id"], PageArgs())
    assert [r["amount"] for r in refunds.rows] == [D(200), D(300)]
    # a refund taken back reopens the note
    await credit_notes.delete_refund(ctx, refund["id"])
    reopened = await note(ctx, row["id"])
    assert (reopened["remaining_amount"], reopened["status"]) == (D(200), OPEN)


async def test_applied_credit_settles_the_invoice(ctx: Ctx, db: Database) -> None:
    # given a 500 credit note and a 1000 invoice of the same customer
    customer = await make_customer(db)
    row = await make_note(ctx, customer["id"])
    bill = await make_invoice(ctx, customer["id"])
    # when 500 is applied
    credit = await credit_notes.apply_credit(ctx, row["id"], {"invoice_id": bill["id"],
                                                              "amount": 500})  # fmt: skip
    # then the invoice is partly settled and the note is used up
    partly = await invoice(ctx, bill["id"])
    assert (partly["credits_applied"], partly["amount_due"], partly["status"]) == (
        D(500), D(500), PARTIALLY_PAID,
    )  # fmt: skip
    assert (await note(ctx, row["id"]))["status"] == CLOSED
    # and a second note paying the rest makes it Paid
    other = await make_note(ctx, customer["id"], amount=800)
    await credit_notes.apply_credit(ctx, other["id"], {"invoice_id": bill["id"], "amount": 500})
    assert (await invoice(ctx, bill["id"]))["status"] == PAID
    assert await count(db, Event, table_of(Event).c.type == "invoice.paid") == 1
    # and taking the first credit back leaves it partly paid again
    await credit_notes.delete_applied_credit(ctx, credit["id"])
    back = await invoice(ctx, bill["id"])
    assert (back["status"], back["amount_due"]) == (PARTIALLY_PAID, D(500))
    assert (await note(ctx, row["id"]))["remaining_amount"] == D(500)
    listed = await credit_notes.list_credits(ctx, PageArgs(), invoice_id=bill["id"])
    assert [r["credit_note_id"] for r in listed.rows] == [other["id"]]


@pytest.mark.parametrize(
    ("amount", "field"), [(501, "amount"), (1001, "amount")], ids=["over-credit", "over-due"]
)
async def test_applying_more_than_remains_or_is_due_is_refused(
    ctx: Ctx, db: Database, amount: int, field: str
) -> None:
    customer = await make_customer(db)
    row = await make_note(ctx, customer["id"], amount=500 if amount == 501 else 2000)
    bill = await make_invoice(ctx, customer["id"])
    with pytest.raises(Conflict) as refused:
        await credit_notes.apply_credit(ctx, row["id"], {"invoice_id": bill["id"],
                                                         "amount": amount})  # fmt: skip
    assert refused.value.field == field
    assert await count(db, CreditApplied) == 0
    assert (await invoice(ctx, bill["id"]))["status"] == UNPAID


async def test_credit_applies_only_to_the_same_customers_issued_invoices(
    ctx: Ctx, db: Database
) -> None:
    ours, theirs = await make_customer(db), await make_customer(db, "Orbit Labs")
    row = await make_note(ctx, ours["id"])
    foreign = await make_invoice(ctx, theirs["id"])
    draft = await make_invoice(ctx, ours["id"], status=DRAFT)
    # Another customer's invoice exists: the link between the two records refuses it.
    with pytest.raises(Conflict) as other_customer:
        await credit_notes.apply_credit(ctx, row["id"], {"invoice_id": foreign["id"],
                                                         "amount": 1})  # fmt: skip
    with pytest.raises(Missing) as missing:
        await credit_notes.apply_credit(ctx, row["id"], {"invoice_id": 999_999, "amount": 1})
    with pytest.raises(Conflict):
        await credit_notes.apply_credit(ctx, row["id"], {"invoice_id": draft["id"], "amount": 1})
    assert other_customer.value.field == "invoice_id" and "invoice_id" in missing.value.errors
    assert await count(db, CreditApplied) == 0


async def test_void_only_while_unused_and_a_void_note_is_not_spent(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_note(ctx, customer["id"])
    void = await credit_notes.update_credit_note(ctx, row["id"], {"status": VOID})
    assert void["status"] == VOID
    with pytest.raises(Conflict):
        await credit_notes.refund_credit_note(ctx, row["id"], {"amount": 1})
    reopened = await credit_notes.update_credit_note(ctx, row["id"], {"status": OPEN})
    assert reopened["status"] == OPEN
    await credit_notes.refund_credit_note(ctx, row["id"], {"amount": 1})
    with pytest.raises(Conflict):
        await credit_notes.update_credit_note(ctx, row["id"], {"status": VOID})
    with pytest.raises(Invalid) as closed_by_hand:
        await credit_notes.update_credit_note(ctx, row["id"], {"status": CLOSED})
    assert "status" in closed_by_hand.value.errors


async def test_an_edit_recomputes_and_may_not_go_below_what_was_used(
    ctx: Ctx, db: Database
) -> None:
    customer = await make_customer(db)
    row = await make_note(ctx, customer["id"])
    await credit_notes.refund_credit_note(ctx, row["id"], {"amount": 300})
    (line,) = (await credit_notes.items_by_credit_note_id(ctx, [row["id"]]))[0]
    grown = await credit_notes.update_credit_note(
        ctx, row["id"], {"item_updates": [{"id": line["id"], "qty": 2}]}
    )
    assert (grown["total"], grown["remaining_amount"]) == (D(1000), D(700))
    with pytest.raises(Conflict) as below:
        await credit_notes.update_credit_note(ctx, row["id"], {"items": [
            {"description": "Less", "rate": 299}]})  # fmt: skip
    assert below.value.field == "items"
    exact = await credit_notes.update_credit_note(ctx, row["id"], {"items": [
        {"description": "Exact", "rate": 300}]})  # fmt: skip
    assert (exact["remaining_amount"], exact["status"]) == (D(0), CLOSED)


async def test_a_used_note_is_not_deleted_and_an_unused_one_comes_back(
    ctx: Ctx, db: Database
) -> None:
    customer = await make_customer(db)
    used, unused = await make_note(ctx, customer["id"]), await make_note(ctx, customer["id"])
    await credit_notes.refund_credit_note(ctx, used["id"], {"amount": 1})
    with pytest.raises(Conflict):
        await credit_notes.delete_credit_note(ctx, used["id"])
    await credit_notes.delete_credit_note(ctx, unused["id"])
    assert await credit_notes.get_credit_note(ctx, unused["id"]) is None
    listed = await credit_notes.list_credit_notes(ctx, PageArgs(), customer_id=customer["id"])
    assert [r["id"] for r in listed.rows] == [used["id"]]
    await credit_notes.restore_credit_note(ctx, unused["id"])
    assert await credit_notes.get_credit_note(ctx, unused["id"]) is not None
    assert await count(db, CreditNoteRefund) == 1


async def test_spending_a_note_needs_the_update_grant(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_note(ctx, customer["id"])
    grants = frozenset({"credit_notes:get", "invoices:update"})
    reader = Ctx(db=db, principal=Principal(kind="token", id=9, name="t", grants=grants))
    with pytest.raises(Forbidden):
        await credit_notes.refund_credit_note(reader, row["id"], {"amount": 1})
    with pytest.raises(Forbidden):
        await make_note(reader, customer["id"])
    assert await count(db, CreditNote) == 1
    assert await count(db, CreditNoteRefund) == 0
