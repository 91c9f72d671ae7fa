"""The financial report over GraphQL: exact money for a month, a year, or all time."""

from __future__ import annotations

import httpx

from gateway.database import Database
from resolvers import expenses, invoices, payments
from resolvers.core.context import Ctx
from tests.factories import make_customer, make_token
from tests.schema.graph import data, error_code, gql, statements
from tests.schema.test_leads_graph import named

REPORT = """
query($year: Int, $month: Int) {
  financialReport(year: $year, month: $month) {
    income expenses profit outstandingInvoices dateFrom dateUntil
  }
}
"""


async def books(ctx: Ctx) -> None:
    """March 2026: 1,000.10 invoiced, 600.05 of it paid; 120.40 + 79.60 spent. April: an
    unpaid 500.00 invoice and 45.55 spent."""
    customer = (await make_customer(ctx))["id"]
    category = await named(ctx, "expense_categories", "Travel")

    async def invoice(day: str, rate: str) -> int:
        row = await invoices.create_invoice(
            ctx, {"customer_id": customer, "date": day,
                  "items": [{"description": "Consulting", "qty": 1, "rate": rate}]},
        )  # fmt: skip
        return int(row["id"])

    march = await invoice("2026-03-05", "1000.10")
    await payments.record_payment(ctx, march, {"amount": "600.05", "date": "2026-03-10"})
    await invoice("2026-04-02", "500.00")
    for amount, day in (("120.40", "2026-03-03"), ("79.60", "2026-03-31"),
                        ("45.55", "2026-04-01")):  # fmt: skip
        await expenses.create_expense(ctx, {"category": category, "amount": amount, "date": day})


async def test_a_month_a_year_and_all_time(client: httpx.AsyncClient, ctx: Ctx, token: str) -> None:
    await books(ctx)

    march = await gql(client, token, REPORT, year=2026, month=3)
    year = await gql(client, token, REPORT, year=2026)
    always = await gql(client, token, REPORT)

    assert statements(march) == 1
    assert data(march)["financialReport"] == {
        "income": "600.05", "expenses": "200.00", "profit": "400.05",
        "outstandingInvoices": "400.05", "dateFrom": "2026-03-01", "dateUntil": "2026-04-01",
    }  # fmt: skip
    assert data(year)["financialReport"] == {
        "income": "600.05", "expenses": "245.55", "profit": "354.50",
        "outstandingInvoices": "900.05", "dateFrom": "2026-01-01", "dateUntil": "2027-01-01",
    }  # fmt: skip
    assert data(always)["financialReport"]["dateFrom"] is None
    assert data(always)["financialReport"]["profit"] == "354.50"


async def test_an_empty_period_is_zero_and_a_bad_one_is_invalid(
    client: httpx.AsyncClient, token: str
) -> None:
    empty = await gql(client, token, REPORT, year=2001, month=2)
    bad = await gql(client, token, REPORT, year=2026, month=13)

    assert data(empty)["financialReport"] == {
        "income": "0.00", "expenses": "0.00", "profit": "0.00", "outstandingInvoices": "0.00",
        "dateFrom": "2001-02-01", "dateUntil": "2001-03-01",
    }  # fmt: skip
    assert bad["errors"][0]["extensions"] == {
        "code": "INVALID", "fields": {"month": "must be between 1 and 12"},
    }  # fmt: skip


async def test_the_report_takes_its_grant(client: httpx.AsyncClient, db: Database) -> None:
    allowed = (await make_token(db, "reports:get", name="accountant")).token
    stranger = (await make_token(db, "invoices:get", name="stranger")).token

    assert data(await gql(client, allowed, REPORT))["financialReport"]["income"] == "0.00"
    assert error_code(await gql(client, stranger, REPORT)) == "FORBIDDEN"
