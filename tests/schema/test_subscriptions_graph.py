"""Subscriptions over GraphQL: writing them with references by global id, the invoices
they billed, reads whose cost does not grow with rows, permissions and nodes."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from gateway.database import Database
from resolvers import invoices, projects, subscriptions
from resolvers.core.context import Ctx, Row
from resolvers.models import Currency, Tax, table_of
from schema.node import encode_global_id
from tests.factories import make_customer, make_token
from tests.schema.graph import data, gql, statements

PAYLOAD = """
record {
  id databaseId name status unitPrice quantity nextBillingCycle inTestEnvironment
  customer { company } project { name } currency { name } tax { name } tax2 { name }
}
userErrors { field code message }
"""
CREATE = f"""
mutation($input: SubscriptionInput!) {{ createSubscription(input: $input) {{ {PAYLOAD} }} }}
"""
UPDATE = f"""
mutation($id: ID!, $input: SubscriptionInput!) {{
  updateSubscription(id: $id, input: $input) {{ {PAYLOAD} }}
}}
"""
DELETE = f"mutation($id: ID!) {{ deleteSubscription(id: $id) {{ {PAYLOAD} }} }}"
RESTORE = f"mutation($id: ID!) {{ restoreSubscription(id: $id) {{ {PAYLOAD} }} }}"
PAGE = """
query($first: Int!) {
  subscriptions(first: $first, orderBy: [{field: UNIT_PRICE, direction: DESC}]) {
    totalCount
    aggregate { sum { unitPrice quantity } }
    groupBy(field: STATUS) { key count }
    nodes {
      name unitPrice
      customer { company }
      tax { name }
      invoices { totalCount nodes { formattedNumber total } }
    }
  }
}
"""


async def gid(db: Database, model: Any, type_name: str, name: str) -> str:
    table = table_of(model)
    async with db.read() as conn:
        found = await conn.scalar(select(table.c.id).where(table.c.name == name))
    assert found is not None, name
    return encode_global_id(type_name, int(found))


async def make_subscription(ctx: Ctx, customer_id: int, **fields: Any) -> Row:
    return await subscriptions.create_subscription(
        ctx, {"name": "Hosting plan", "customer_id": customer_id, "unit_price": 49, **fields}
    )


async def test_create_update_delete_and_restore_a_subscription(
    client: httpx.AsyncClient, db: Database, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    project = await projects.create_project(ctx, {"name": "Shop", "customer_id": customer["id"]})
    vat = await gid(db, Tax, "Tax", "VAT")

    created = data(await gql(
        client, token, CREATE,
        input={"name": "Hosting plan", "customerId": encode_global_id("Customer", customer["id"]),
               "projectId": encode_global_id("Project", project["id"]),
               "currencyId": await gid(db, Currency, "Currency", "EUR"),
               "taxes": [vat, await gid(db, Tax, "Tax", "GST")], "unitPrice": "49.999",
               "quantity": 3, "nextBillingCycle": "2024-06-01T00:00:00+04:00"},
    ))["createSubscription"]  # fmt: skip

    assert created["userErrors"] == []
    record = created["record"]
    assert {k: record[k] for k in ("name", "status", "unitPrice", "quantity")} == {
        "name": "Hosting plan", "status": "active", "unitPrice": "50.00", "quantity": 3,
    }  # fmt: skip
    assert record["nextBillingCycle"] == "2024-05-31T20:00:00+00:00"
    assert (record["customer"], record["project"], record["currency"]) == (
        {"company": "Zahara Foods LLC"}, {"name": "Shop"}, {"name": "EUR"},
    )  # fmt: skip
    assert (record["tax"], record["tax2"]) == ({"name": "VAT"}, {"name": "GST"})

    changed = data(await gql(
        client, token, UPDATE, id=record["id"], input={"status": "Canceled", "taxes": [vat]},
    ))["updateSubscription"]["record"]  # fmt: skip
    assert (changed["status"], changed["tax"], changed["tax2"]) == (
        "canceled", {"name": "VAT"}, None,
    )  # fmt: skip
    deleted = data(await gql(client, token, DELETE, id=record["id"]))["deleteSubscription"]
    assert deleted["userErrors"] == []
    assert await subscriptions.get_subscription(ctx, record["databaseId"]) is None
    restored = data(await gql(client, token, RESTORE, id=record["id"]))["restoreSubscription"]
    assert restored["record"]["name"] == "Hosting plan"


async def test_subscription_failures_are_user_errors(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    other = await make_customer(ctx, company="Other Co")
    foreign = await projects.create_project(ctx, {"name": "Theirs", "customer_id": other["id"]})
    to_customer = {"name": "Plan", "customerId": encode_global_id("Customer", customer["id"])}
    cases: list[tuple[dict[str, Any], str]] = [
        ({"customerId": to_customer["customerId"]}, "name"),
        ({"name": "Plan"}, "customerId"),
        ({**to_customer, "customerId": encode_global_id("Customer", 999)}, "customerId"),
        ({**to_customer, "status": "paused"}, "status"),
        ({**to_customer, "quantity": 0}, "quantity"),
        ({**to_customer, "unitPrice": "-1"}, "unitPrice"),
        ({**to_customer, "taxes": [encode_global_id("Tax", 999)]}, "taxes"),
        ({**to_customer, "projectId": encode_global_id("Project", foreign["id"])}, "projectId"),
        ({**to_customer, "currencyId": encode_global_id("Currency", 999)}, "currencyId"),
    ]
    for given, field in cases:
        result = data(await gql(client, token, CREATE, input=given))["createSubscription"]
        assert result["record"] is None, given
        assert [e["field"] for e in result["userErrors"]] == [field], (given, result)
    missing = data(await gql(client, token, DELETE, id=encode_global_id("Subscription", 9)))
    assert missing["deleteSubscription"]["userErrors"][0]["code"] == "NOT_FOUND"


async def test_subscription_pages_with_their_invoices_cost_the_same_for_two_or_twenty(
    client: httpx.AsyncClient, db: Database, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    async with db.read() as conn:
        vat = await conn.scalar(select(table_of(Tax).c.id).where(table_of(Tax).c.name == "VAT"))
    for n in range(20):
        subscription = await make_subscription(
            ctx, customer["id"], unit_price=10 + n, quantity=2, tax_id=vat,
            status="canceled" if n % 4 == 0 else "active",
        )  # fmt: skip
        await invoices.create_invoice(ctx, {
            "customer_id": customer["id"], "subscription_id": subscription["id"],
            "items": [{"description": "Month", "rate": 10 + n}],
        })  # fmt: skip

    two = await gql(client, token, PAGE, first=2)
    twenty = await gql(client, token, PAGE, first=20)

    # subscriptions: page, count, aggregate, groups; customers and taxes by id; invoices
    # page and count
    assert statements(two) == statements(twenty) == 8
    got = data(twenty)["subscriptions"]
    assert got["aggregate"] == {"sum": {"unitPrice": "390.00", "quantity": 40.0}}
    assert got["groupBy"] == [{"key": "active", "count": 15}, {"key": "canceled", "count": 5}]
    top = got["nodes"][0]
    assert (top["name"], top["unitPrice"], top["tax"]) == ("Hosting plan", "29.00", {"name": "VAT"})
    assert top["invoices"] == {
        "totalCount": 1, "nodes": [{"formattedNumber": "INV-000020", "total": "29.00"}],
    }  # fmt: skip


async def test_writing_subscriptions_takes_the_subscriptions_grant(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    reader = (await make_token(db, "subscriptions:get", "customers:get", name="reader")).token

    body = await gql(
        client, reader, CREATE,
        input={"name": "Plan", "customerId": encode_global_id("Customer", customer["id"])},
    )  # fmt: skip

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert data(await gql(client, reader, "{ subscriptions { totalCount } }")) == {
        "subscriptions": {"totalCount": 0}
    }


async def test_a_subscription_is_a_node(client: httpx.AsyncClient, ctx: Ctx, token: str) -> None:
    customer = await make_customer(ctx)
    subscription = await make_subscription(ctx, customer["id"])
    subscription_id = encode_global_id("Subscription", subscription["id"])
    query = "query($id: ID!) { node(id: $id) { id ... on Subscription { name unitPrice } } }"

    got = data(await gql(client, token, query, id=subscription_id))["node"]

    assert got == {"id": subscription_id, "name": "Hosting plan", "unitPrice": "49.00"}
