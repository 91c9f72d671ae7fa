"""A priced document's closing date (an invoice's due date, an estimate's expiry, a
proposal's open-till) may not fall before its own date, on create and on update, and is
refused in the same words for each kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import pytest

from gateway.database import Database
from resolvers import estimates, invoices, proposals
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Invalid
from resolvers.core.records import insert_row
from resolvers.models import Customer, table_of

DAY = dt.date(2026, 5, 10)
LINES = [{"description": "Solution Design", "qty": 1, "rate": 2400}]
Write = Callable[[Ctx, Mapping[str, Any]], Awaitable[Row]]
Change = Callable[[Ctx, int, Mapping[str, Any]], Awaitable[Row]]

KINDS = [
    pytest.param(invoices.create_invoice, invoices.update_invoice, "due_date", "invoice",
                 id="invoice"),
    pytest.param(estimates.create_estimate, estimates.update_estimate, "expiry_date",
                 "estimate", id="estimate"),
    pytest.param(proposals.create_proposal, proposals.update_proposal, "open_till",
                 "proposal", id="proposal"),
]  # fmt: skip


async def body(db: Database, create: Write) -> dict[str, Any]:
    async with db.write() as conn:
        customer = await insert_row(conn, table_of(Customer), {"company": "Zahara Foods LLC"})
    if create is proposals.create_proposal:
        return {"subject": "Implementation Proposal", "rel_type": "customer",
                "customer_id": customer["id"], "items": LINES}  # fmt: skip
    return {"customer_id": customer["id"], "items": LINES}


@pytest.mark.parametrize(("create", "update", "column", "label"), KINDS)
async def test_the_closing_date_may_not_precede_the_document_date(
    ctx: Ctx, db: Database, create: Write, update: Change, column: str, label: str
) -> None:
    # Given a document dated DAY that closes the same day
    data = await body(db, create)
    row = await create(ctx, {**data, "date": DAY, column: DAY})
    assert row[column] == DAY

    # When one is written closing the day before, or its date moves past its closing date
    with pytest.raises(Invalid) as created:
        await create(ctx, {**data, "date": DAY, column: DAY - dt.timedelta(days=1)})
    with pytest.raises(Conflict) as moved:
        await update(ctx, row["id"], {"date": DAY + dt.timedelta(days=1)})

    # Then both are refused on the closing date's field, in the same words: the body's own
    # dates as invalid input, a date the stored closing date refuses as a conflict
    assert created.value.errors == {column: f"is before the {label} date"}
    assert (moved.value.field, moved.value.message) == (column, f"is before the {label} date")
