"""Documents worth printing: a customer with an address and a primary contact, and an
invoice, estimate, proposal, credit note and contract with taxes and a discount.

The invoice's figures, worked by hand: lines 10 x 380.00 (VAT 5%) and 1 x 1,200.00
(VAT 5% + Sales Tax 10%): subtotal 5,000.00; 10% discount before tax 500.00; taxes
reduced alike by 10%: VAT (190.00 + 60.00) x 0.9 = 225.00, Sales Tax 120.00 x 0.9 =
108.00; total 5,000.00 - 500.00 + 333.00 = 4,833.00; paid 1,000.00; due 3,833.00.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from pypdf import PdfReader
from sqlalchemy import select

from resolvers import contracts, credit_notes, estimates, invoices, payments, proposals
from resolvers.core.context import Ctx, Row
from resolvers.documents import Company
from resolvers.models import Tax, table_of
from tests.factories import make_contact, make_customer

SELLER = Company(
    name="Acme Trading FZ-LLC",
    address=("1 Harbour Road", "Jebel Ali, Dubai"),
    email="billing@acme.test",
    vat="100200300",
)
BUYER_EMAIL = "karim@zaharahq.ae"


def text_of(pdf: bytes) -> str:
    """The PDF's text as a reader extracts it, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


async def tax_id(ctx: Ctx, name: str) -> int:
    taxes = table_of(Tax)
    async with ctx.db.read() as conn:
        return int(
            (await conn.execute(select(taxes.c.id).where(taxes.c.name == name))).scalar_one()
        )


async def buyer(ctx: Ctx) -> Row:
    customer = await make_customer(
        ctx,
        company="Zahara Foods LLC",
        billing_street="12 Palm Street",
        billing_city="Dubai",
        billing_zip="00000",
        billing_country="AE",
        vat="AE-998877",
    )
    await make_contact(ctx, customer["id"], firstname="Karim", email=BUYER_EMAIL, is_primary=True)
    return customer


async def lines(ctx: Ctx) -> list[dict[str, Any]]:
    vat, sales = await tax_id(ctx, "VAT"), await tax_id(ctx, "Sales Tax")
    return [
        {"description": "Onsite Implementation", "long_description": "Two engineers on site",
         "qty": 10, "rate": "380", "unit": "hrs", "tax_id": vat},
        {"description": "Monthly Support", "qty": 1, "rate": "1200", "tax_id": vat,
         "tax2_id": sales},
    ]  # fmt: skip


def priced(customer: Row, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "customer_id": customer["id"],
        "currency": "AED",
        "items": items,
        "discount_type": "before_tax",
        "discount_percent": "10",
        "billing_street": "12 Palm Street",
        "billing_city": "Dubai",
        "billing_country": "AE",
    }


async def make_invoice(ctx: Ctx, customer: Row, paid: str | None = "1000", **fields: Any) -> Row:
    data = {**priced(customer, await lines(ctx)), "date": dt.date(2025, 8, 22),
            "due_date": dt.date(2025, 9, 4), "terms": "Net 14", **fields}  # fmt: skip
    row = await invoices.create_invoice(ctx, data)
    if paid is not None:
        await payments.create_payment(
            ctx, {"invoice_id": row["id"], "amount": paid, "date": dt.date(2025, 8, 28)}
        )
    found = await invoices.get_invoice(ctx, row["id"])
    assert found is not None
    return found


async def make_estimate(ctx: Ctx, customer: Row, **fields: Any) -> Row:
    data = {**priced(customer, await lines(ctx)), "date": dt.date(2025, 8, 22),
            "expiry_date": dt.date(2025, 9, 22), **fields}  # fmt: skip
    return await estimates.create_estimate(ctx, data)


async def make_credit_note(ctx: Ctx, customer: Row, **fields: Any) -> Row:
    data = {**priced(customer, await lines(ctx)), "date": dt.date(2025, 8, 30), **fields}
    return await credit_notes.create_credit_note(ctx, data)


async def make_proposal(ctx: Ctx, customer: Row, **fields: Any) -> Row:
    data = {**priced(customer, await lines(ctx)), "subject": "Implementation Proposal",
            "rel_type": "customer", "rel_id": customer["id"], "date": dt.date(2025, 8, 22),
            "open_till": dt.date(2025, 9, 18), "content": "<p>Scope</p><p>Phase 1</p>",
            **fields}  # fmt: skip
    for key in ("customer_id", "billing_street", "billing_city", "billing_country"):
        data.pop(key)
    return await proposals.create_proposal(ctx, data)


async def make_contract(ctx: Ctx, customer: Row, **fields: Any) -> Row:
    data = {"subject": "Support Agreement 2025", "customer_id": customer["id"],
            "start_date": dt.date(2025, 9, 1), "end_date": dt.date(2026, 8, 31),
            "contract_value": "14400", "content": "<p>The supplier provides support.</p>",
            **fields}  # fmt: skip
    return await contracts.create_contract(ctx, data)
