"""Proposals on the service layer: for a customer or a lead (exactly one), lines,
sending, acceptance and comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from gateway.database import Database
from resolvers import proposals
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from resolvers.models import (
    Contact,
    Currency,
    Customer,
    Event,
    Lead,
    LeadSource,
    LeadStatus,
    Proposal,
    table_of,
)
from resolvers.numbering import formatted_number
from resolvers.proposals import ACCEPTED, DECLINED, DRAFT, SENT

D = Decimal
TODAY = dt.datetime.now(dt.UTC).date()


async def first_id(db: Database, model: Any) -> int:
    table = table_of(model)
    async with db.read() as conn:
        return int(await conn.scalar(select(func.min(table.c.id))) or 0)


async def make_customer(db: Database, **fields: Any) -> Row:
    async with db.write() as conn:
        row = await insert_row(conn, table_of(Customer), {"company": "Zahara Foods LLC", **fields})
        await insert_row(conn, table_of(Contact), {
            "customer_id": row["id"], "firstname": "Karim", "email": "karim@zaharahq.ae",
            "is_primary": True,
        })  # fmt: skip
    return row


async def make_lead(db: Database) -> Row:
    status, source = await first_id(db, LeadStatus), await first_id(db, LeadSource)
    async with db.write() as conn:
        return await insert_row(conn, table_of(Lead), {
            "name": "Reem Safar", "email": "reem.safar@orbit-labs.io", "city": "Sharjah",
            "status_id": status, "source_id": source,
        })  # fmt: skip


async def make_proposal(ctx: Ctx, **fields: Any) -> Row:
    return await proposals.create_proposal(ctx, {
        "subject": "Implementation Proposal", "content": "Phase 1 deliverables", **fields,
    })  # fmt: skip


async def count(db: Database, model: Any, *where: Any) -> int:
    table = table_of(model)
    async with db.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(table).where(*where)) or 0)


async def test_a_customer_proposal_takes_its_details(ctx: Ctx, db: Database) -> None:
    currencies = table_of(Currency)
    async with db.read() as conn:
        aed = int(await conn.scalar(select(currencies.c.id).where(currencies.c.name == "AED")) or 0)
    customer = await make_customer(db, phone="+971 4 000", city="Dubai",
                                   default_currency_id=aed)  # fmt: skip
    row = await make_proposal(ctx, rel_type="customer", customer_id=customer["id"],
                              open_till=TODAY + dt.timedelta(days=27))  # fmt: skip
    assert (row["proposal_to"], row["email"], row["city"]) == (
        "Zahara Foods LLC", "karim@zaharahq.ae", "Dubai",
    )  # fmt: skip
    assert (row["status"], row["currency_id"], row["total"]) == (DRAFT, aed, D(0))
    assert formatted_number("proposals", row) == f"PRO-{row['id']:06d}"
    assert await count(db, Event, table_of(Event).c.type == "proposal.created") == 1


async def test_a_lead_proposal_with_lines(ctx: Ctx, db: Database) -> None:
    lead = await make_lead(db)
    row = await make_proposal(ctx, rel_type="lead", lead_id=lead["id"], items=[
        {"description": "Phase 1", "qty": 2, "rate": 1200}],
        discount_type="after_tax", discount_percent=5)  # fmt: skip
    assert (row["proposal_to"], row["email"], row["customer_id"]) == (
        "Reem Safar", "reem.safar@orbit-labs.io", None,
    )  # fmt: skip
    assert (row["subtotal"], row["discount_total"], row["total"]) == (
        D(2400), D(120), D(2280),
    )  # fmt: skip
    listed = await proposals.list_proposals(ctx, PageArgs(), lead_id=lead["id"])
    assert [r["id"] for r in listed.rows] == [row["id"]]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"rel_type": "customer"}, "customer_id"),
        ({"rel_type": "lead"}, "lead_id"),
        ({"rel_type": "customer", "customer_id": "C", "lead_id": "L"}, "lead_id"),
        ({"rel_type": "lead", "lead_id": "L", "customer_id": "C"}, "customer_id"),
        ({"rel_type": "customer", "customer_id": 999_999}, "customer_id"),
        ({"rel_type": "lead", "lead_id": 999_999}, "lead_id"),
        ({"rel_type": "contact", "customer_id": "C"}, "rel_type"),
        ({"customer_id": "C"}, "rel_type"),
        ({"rel_type": "customer", "customer_id": "C", "assigned_id": 999_999}, "assigned_id"),
        ({"rel_type": "customer", "customer_id": "C", "currency": "XXX"}, "currency"),
        ({"rel_type": "customer", "customer_id": "C", "email": "not-mail"}, "email"),
        ({"rel_type": "customer", "customer_id": "C",
          "items": [{"description": "a", "rate": 1, "tax_id": 999_999}]}, "items.0.tax_id"),
        ({"rel_type": "customer", "customer_id": "C", "date": TODAY,
          "open_till": TODAY - dt.timedelta(days=1)}, "open_till"),
    ],
)  # fmt: skip
async def test_whom_it_is_for_is_checked(
    ctx: Ctx, db: Database, fields: dict[str, Any], field: str
) -> None:
    customer, lead = await make_customer(db), await make_lead(db)
    ids = {"C": customer["id"], "L": lead["id"]}
    data = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in fields.items()}
    with pytest.raises(Invalid) as refused:
        await make_proposal(ctx, **data)
    assert field in refused.value.errors
    assert await count(db, Proposal) == 0


async def test_changing_whom_it_is_for(ctx: Ctx, db: Database) -> None:
    customer, lead = await make_customer(db), await make_lead(db)
    row = await make_proposal(ctx, rel_type="customer", customer_id=customer["id"])
    moved = await proposals.update_proposal(ctx, row["id"], {"rel_type": "lead",
                                                             "lead_id": lead["id"]})  # fmt: skip
    assert (moved["rel_type"], moved["lead_id"], moved["customer_id"]) == (
        "lead", lead["id"], None,
    )  # fmt: skip
    with pytest.raises(Invalid) as half:
        await proposals.update_proposal(ctx, row["id"], {"rel_type": "customer"})
    assert "customer_id" in half.value.errors
    with pytest.raises(Invalid) as both:
        await proposals.update_proposal(ctx, row["id"], {"customer_id": customer["id"]})
    assert "customer_id" in both.value.errors
    priced = await proposals.update_proposal(
        ctx, row["id"], {"new_items": [{"description": "Extra", "rate": 99}]}
    )
    assert priced["total"] == D(99)


async def test_send_accept_and_decline(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_proposal(ctx, rel_type="customer", customer_id=customer["id"])
    sent = await proposals.send_proposal(ctx, row["id"])
    assert sent["status"] == SENT and sent["sent_at"] is not None
    accepted = await proposals.accept_proposal(
        ctx, row["id"], {"acceptance_email": "karim@zaharahq.ae", "signature": "K.R."}
    )
    assert (accepted["status"], accepted["signature"]) == (ACCEPTED, "K.R.")
    assert (await proposals.decline_proposal(ctx, row["id"]))["status"] == DECLINED
    late = await make_proposal(ctx, rel_type="customer", customer_id=customer["id"],
                               date=TODAY - dt.timedelta(days=9),
                               open_till=TODAY - dt.timedelta(days=2))  # fmt: skip
    with pytest.raises(Conflict) as expired:
        await proposals.accept_proposal(ctx, late["id"])
    assert expired.value.field == "open_till"


async def test_comments_are_added_and_listed(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_proposal(ctx, rel_type="customer", customer_id=customer["id"])
    await proposals.add_proposal_comment(ctx, row["id"], {"content": "Can phase 2 start in May?"})
    await proposals.add_proposal_comment(ctx, row["id"], {"content": "Yes."})
    with pytest.raises(Invalid) as empty:
        await proposals.add_proposal_comment(ctx, row["id"], {"content": "  "})
    assert "content" in empty.value.errors
    page = await proposals.list_proposal_comments(ctx, row["id"], PageArgs())
    assert [c["content"] for c in page.rows] == ["Can phase 2 start in May?", "Yes."]


async def test_delete_restore_and_grants(ctx: Ctx, db: Database) -> None:
    customer = await make_customer(db)
    row = await make_proposal(ctx, rel_type="customer", customer_id=customer["id"])
    reader = Ctx(db=db, principal=Principal(kind="token", id=9, name="t",
                                            grants=frozenset({"proposals:get"})))  # fmt: skip
    with pytest.raises(Forbidden):
        await proposals.delete_proposal(reader, row["id"])
    with pytest.raises(Forbidden):
        await proposals.add_proposal_comment(reader, row["id"], {"content": "hi"})
    await proposals.delete_proposal(ctx, row["id"])
    assert await proposals.get_proposal(ctx, row["id"]) is None
    await proposals.restore_proposal(ctx, row["id"])
    assert await proposals.get_proposal(reader, row["id"]) is not None
