"""Customer.payments: a two-hop edge (payments -> invoices -> customers), read in one
batched statement per level, filtered, counted and summed like any other connection."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import update

from gateway.database import Database
from resolvers import invoices, payments
from resolvers.core.context import Ctx, Row
from resolvers.models import Invoice, table_of
from schema.compiled import normal_path
from tests.factories import make_customer
from tests.schema import graph

CUSTOMERS = """
query($first: Int!) {
  customers(first: $first, orderBy: [{field: COMPANY}]) {
    nodes {
      company
      payments(first: 5) {
        totalCount
        aggregate { sum { amount } }
        nodes { amount date invoice { databaseId } }
      }
    }
  }
}
"""
FILTERED = """
query($min: Decimal!) {
  customers(filter: {payments: {amount: {gte: $min}}}, orderBy: [{field: COMPANY}]) {
    nodes { company payments(filter: {amount: {gte: $min}}) { nodes { amount } } }
  }
}
"""


async def gql(
    client: httpx.AsyncClient, token: str, query: str, **variables: Any
) -> dict[str, Any]:
    """The shared request, refusing any error: every query here must succeed."""
    body = await graph.gql(client, token, query, **variables)
    graph.data(body)
    return body


async def invoice_for(ctx: Ctx, customer_id: int) -> Row:
    return await invoices.create_invoice(
        ctx, {"customer_id": customer_id, "items": [{"description": "Work", "rate": 1000}]}
    )


async def paid_customer(ctx: Ctx, company: str, amounts: list[str]) -> Row:
    """A customer with two invoices, the payments spread over both."""
    customer = await make_customer(ctx, company=company)
    first, second = [await invoice_for(ctx, customer["id"]) for _ in range(2)]
    for n, amount in enumerate(amounts):
        invoice = first if n % 2 == 0 else second
        day = f"2024-05-{n + 1:02d}"
        await payments.record_payment(ctx, invoice["id"], {"amount": amount, "date": day})
    return customer


async def test_customer_payments_come_through_every_invoice_newest_first(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    # given a customer paying on two invoices, and one who pays nothing
    await paid_customer(ctx, "Acme", ["100", "20", "3"])
    await make_customer(ctx, company="Zed")

    # when
    body = await gql(client, token, CUSTOMERS, first=10)

    # then
    acme, zed = body["data"]["customers"]["nodes"]
    assert acme["payments"]["totalCount"] == 3
    assert [p["amount"] for p in acme["payments"]["nodes"]] == ["3.00", "20.00", "100.00"]
    assert len({p["invoice"]["databaseId"] for p in acme["payments"]["nodes"]}) == 2
    assert acme["payments"]["aggregate"] == {"sum": {"amount": "123.00"}}
    assert zed["payments"] == {"totalCount": 0, "aggregate": {"sum": {"amount": None}}, "nodes": []}


async def test_payments_of_a_deleted_invoice_or_deleted_payments_are_left_out(
    client: httpx.AsyncClient, db: Database, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx, company="Acme")
    kept, dropped = [await invoice_for(ctx, customer["id"]) for _ in range(2)]
    await payments.record_payment(ctx, kept["id"], {"amount": "10"})
    gone = await payments.record_payment(ctx, kept["id"], {"amount": "11"})
    await payments.delete_payment(ctx, gone["id"])
    await payments.record_payment(ctx, dropped["id"], {"amount": "12"})
    # The service refuses to delete a paid invoice; imported data may still hold one.
    async with db.write() as conn:
        await conn.execute(
            update(table_of(Invoice))
            .where(table_of(Invoice).c.id == dropped["id"])
            .values(deleted_at=datetime.now(UTC))
        )

    body = await gql(client, token, CUSTOMERS, first=10)

    got = body["data"]["customers"]["nodes"][0]["payments"]
    assert [p["amount"] for p in got["nodes"]] == ["10.00"]
    assert got["totalCount"] == 1


async def test_customer_payments_cost_the_same_statements_for_one_or_many_customers(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    for n in range(6):
        await paid_customer(ctx, f"Customer {n}", ["5", "6", "7"][: n % 3 + 1])

    with normal_path():
        one = await gql(client, token, CUSTOMERS, first=1)
        six = await gql(client, token, CUSTOMERS, first=6)
    compiled = await gql(client, token, CUSTOMERS, first=6)

    assert len(six["data"]["customers"]["nodes"]) == 6
    # The resolvers: customers; payments page, count, aggregate; invoices by id. The
    # compiled path: one statement, the same answer.
    assert one["extensions"]["sql"]["statements"] == six["extensions"]["sql"]["statements"] == 5
    assert compiled["extensions"]["sql"]["statements"] == 1
    assert compiled["data"] == six["data"]


async def test_customers_filter_on_their_payments(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    await paid_customer(ctx, "Big", ["500", "5"])
    await paid_customer(ctx, "Small", ["5"])

    body = await gql(client, token, FILTERED, min="100")

    assert body["data"]["customers"]["nodes"] == [
        {"company": "Big", "payments": {"nodes": [{"amount": "500.00"}]}}
    ]
