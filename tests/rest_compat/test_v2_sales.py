"""v2's invoices, quotes, products and transactions, replaying the document."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import httpx

from resolvers import estimates, invoices, items, payments, transactions
from resolvers.core.context import Ctx
from resolvers.core.pagination import PageArgs
from tests.factories import make_customer

SOON = dt.date.today() + dt.timedelta(days=7)
LATER = dt.date.today() + dt.timedelta(days=40)


def key(token: str) -> dict[str, str]:
    return {"X-API-KEY": token}


def assert_rate_limited(response: httpx.Response) -> None:
    assert {"x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"} <= set(
        response.headers
    )


async def test_an_invoice_is_created_and_listed_as_the_document_shows(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)

    created = await client.post("/api/v2/invoices", json={
        "customer_id": customer["id"], "date": SOON.isoformat(), "due_date": LATER.isoformat(),
        "items": [{"description": "Web Development", "amount": 1500.00, "qty": 1}],
        "notes": "Payment due within 30 days",
    }, headers=key(token))  # fmt: skip
    listed = await client.get("/api/v2/invoices", headers=key(token))
    stored = await invoices.get_invoice(ctx, created.json()["data"]["id"])

    assert created.status_code == 201 and created.json()["success"] is True
    data = created.json()["data"]
    assert data["invoice_number"] == "INV-000001"
    assert (data["customer_id"], data["amount"], data["status"]) == (customer["id"], 1500.0,
                                                                    "Unpaid")  # fmt: skip
    assert data["due_date"] == LATER.isoformat() and data["notes"] == "Payment due within 30 days"
    assert [{k: i[k] for k in ("description", "amount", "qty")} for i in data["items"]] == [
        {"description": "Web Development", "amount": 1500.0, "qty": 1.0}
    ]
    assert stored is not None and stored["total"] == Decimal("1500.00")
    assert stored["client_note"] == "Payment due within 30 days"
    assert listed.json()["data"] == [data]
    assert listed.json()["meta"] == {"current_page": 1, "total_pages": 1, "total_records": 1}
    assert_rate_limited(listed)


async def test_invoices_filter_by_status_name_customer_and_dates(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    first, second = await make_customer(ctx), await make_customer(ctx, company="Other")
    lines = [{"description": "Work", "qty": 1, "rate": 100}]

    async def invoice(customer_id: int, day: dt.date) -> int:
        row = await invoices.create_invoice(
            ctx, {"customer_id": customer_id, "date": day, "due_date": LATER, "items": lines}
        )
        return int(row["id"])

    paid = await invoice(first["id"], SOON)
    part = await invoice(first["id"], SOON + dt.timedelta(days=1))
    other = await invoice(second["id"], SOON + dt.timedelta(days=2))
    await payments.record_payment(ctx, paid, {"amount": 100})
    await payments.record_payment(ctx, part, {"amount": 40})

    async def ids(query: str) -> list[int]:
        response = await client.get(f"/api/v2/invoices?{query}", headers=key(token))
        assert response.status_code == 200, response.text
        return [row["id"] for row in response.json()["data"]]

    assert await ids("status=Paid") == [paid]
    assert await ids("status=Partially%20Paid") == [part]
    assert await ids("status=Unpaid") == [other]
    assert await ids(f"customer_id={first['id']}") == [paid, part]
    assert await ids(f"date_from={(SOON + dt.timedelta(days=1)).isoformat()}") == [part, other]
    assert await ids(f"date_to={SOON.isoformat()}") == [paid]
    bad = await client.get("/api/v2/invoices?status=Lost&date_from=soon", headers=key(token))
    assert bad.status_code == 400 and bad.json()["success"] is False
    assert set(bad.json()["errors"]) <= {"status", "date_from"} and bad.json()["errors"]


async def test_invoice_validation_names_the_documents_fields(
    client: httpx.AsyncClient, token: str
) -> None:
    response = await client.post("/api/v2/invoices", json={
        "customer_id": 999, "items": [{"description": "x", "amount": -5}],
    }, headers=key(token))  # fmt: skip
    missing = await client.post("/api/v2/invoices", json={"items": []}, headers=key(token))

    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False and body["message"] == "Validation failed"
    assert "items.0.amount" in body["errors"]
    assert "customer_id" in missing.json()["errors"]


async def test_transactions_are_recorded_and_filtered(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    income = await client.post("/api/v2/transactions", json={
        "type": "Income", "account_id": 1, "amount": 1500.00, "category_id": 1,
        "description": "Website Development Payment", "date": "2024-01-15",
    }, headers=key(token))  # fmt: skip
    await transactions.record_transaction(
        ctx, {"type": "expense", "account_id": 2, "amount": "20.50", "date": "2024-02-01"}
    )

    incomes = await client.get("/api/v2/transactions?type=Income", headers=key(token))
    cash = await client.get("/api/v2/transactions?account_id=2", headers=key(token))
    january = await client.get("/api/v2/transactions?date_to=2024-01-31", headers=key(token))
    zero = await client.post("/api/v2/transactions", json={
        "type": "Income", "account_id": 1, "amount": 0,
    }, headers=key(token))  # fmt: skip

    assert income.status_code == 201
    data = income.json()["data"]
    assert (data["type"], data["account_id"], data["amount"]) == ("Income", 1, 1500.0)
    assert (data["category_id"], data["date"]) == (1, "2024-01-15")
    assert [t["id"] for t in incomes.json()["data"]] == [data["id"]]
    assert [t["type"] for t in cash.json()["data"]] == ["Expense"]
    assert [t["id"] for t in january.json()["data"]] == [data["id"]]
    assert zero.status_code == 400
    assert zero.json()["errors"] == {"amount": "Amount must be greater than 0"}


async def test_a_product_finds_its_tax_by_rate_or_is_refused(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    hosting = {"name": "Web Hosting", "price": 99.99, "description": "Annual web hosting package",
               "type": "service", "tax_rate": 10}  # fmt: skip

    created = await client.post("/api/v2/products", json=hosting, headers=key(token))
    unknown = await client.post("/api/v2/products", json={**hosting, "tax_rate": 12.5},
                                headers=key(token))  # fmt: skip
    listed = await client.get("/api/v2/products?search=hosting", headers=key(token))
    stored = await items.get_item(ctx, created.json()["data"]["id"])

    assert created.status_code == 201
    data = created.json()["data"]
    assert {k: data[k] for k in hosting} == hosting
    assert stored is not None and stored["description"] == "Web Hosting"
    assert stored["long_description"] == "Annual web hosting package"
    assert stored["rate"] == Decimal("99.99") and stored["tax_id"] is not None
    assert unknown.status_code == 400 and "tax_rate" in unknown.json()["errors"]
    assert [p["id"] for p in listed.json()["data"]] == [data["id"]]
    no_name = await client.post("/api/v2/products", json={"price": 1}, headers=key(token))
    assert "name" in no_name.json()["errors"]


async def test_a_quote_is_an_estimate_valid_until_its_expiry(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    body: dict[str, Any] = {
        "customer_id": customer["id"], "valid_until": LATER.isoformat(),
        "items": [{"description": "Consulting Services", "amount": 2000.00, "qty": 1}],
    }  # fmt: skip

    created = await client.post("/api/v2/quotes", json=body, headers=key(token))
    listed = await client.get(f"/api/v2/quotes?customer_id={customer['id']}", headers=key(token))
    stored = await estimates.list_estimates(ctx, PageArgs(), customer_id=customer["id"])

    assert created.status_code == 201
    data = created.json()["data"]
    assert (data["valid_until"], data["amount"], data["status"]) == (LATER.isoformat(), 2000.0,
                                                                     "Draft")  # fmt: skip
    assert data["quote_number"] == "EST-000001"
    assert [q["id"] for q in listed.json()["data"]] == [data["id"]]
    assert stored.rows[0]["expiry_date"] == LATER
    wrong = await client.post("/api/v2/quotes", json={**body, "valid_until": "someday"},
                              headers=key(token))  # fmt: skip
    assert wrong.status_code == 400 and "valid_until" in wrong.json()["errors"]
