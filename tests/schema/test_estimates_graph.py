"""Estimates over GraphQL: writing them, sending, accepting, declining, expiring and
converting them to invoices; reads, figures, permissions and nodes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from gateway.database import Database
from resolvers import estimates
from resolvers.core.context import Ctx, Row
from schema.node import encode_global_id
from tests.factories import make_customer, make_staff, make_token
from tests.schema.graph import data, gql, statements

PAYLOAD = """
record {
  id databaseId formattedNumber status total expiryDate referenceNo tags
  acceptanceFirstname acceptedAt saleAgent { email } invoice { formattedNumber }
}
userErrors { field code message }
"""
CREATE = f"mutation($input: EstimateInput!) {{ createEstimate(input: $input) {{ {PAYLOAD} }} }}"
UPDATE = f"""
mutation($id: ID!, $input: EstimateInput!) {{
  updateEstimate(id: $id, input: $input) {{ {PAYLOAD} }}
}}
"""
ACTION = "mutation($id: ID!) {{ {name}(id: $id) {{ {payload} }} }}"
ACCEPT = f"""
mutation($id: ID!, $input: AcceptanceInput) {{
  acceptEstimate(id: $id, input: $input) {{ {PAYLOAD} }}
}}
"""
CONVERT = """
mutation($id: ID!, $input: ConvertEstimateInput) {
  convertEstimateToInvoice(id: $id, input: $input) {
    record {
      databaseId formattedNumber status total dueDate
      estimates { nodes { databaseId status invoice { databaseId } } }
      items { nodes { description amount tax { name } } }
    }
    userErrors { field code message }
  }
}
"""
PAGE = """
query($first: Int!) {
  estimates(first: $first, orderBy: [{field: NUMBER, direction: DESC}]) {
    totalCount
    aggregate { sum { total } }
    groupBy(field: STATUS) { key count }
    nodes {
      formattedNumber status
      customer { company }
      items { nodes { description amount } }
      invoice { formattedNumber }
      proposals { totalCount }
    }
  }
}
"""


def action(name: str) -> str:
    return ACTION.format(name=name, payload=PAYLOAD)


async def make_estimate(ctx: Ctx, customer_id: int, **fields: Any) -> Row:
    lines = fields.pop("items", [{"description": "Audit", "qty": 2, "rate": 250}])
    return await estimates.create_estimate(
        ctx, {"customer_id": customer_id, "items": lines, **fields}
    )


def future(days: int = 30) -> str:
    return (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=days)).isoformat()


async def test_an_estimate_is_written_sent_accepted_and_converted_once(
    client: httpx.AsyncClient, db: Database, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    agent = await make_staff(db, email="agent@example.com")

    created = data(await gql(
        client, token, CREATE,
        input={"customerId": encode_global_id("Customer", customer["id"]),
               "saleAgentId": encode_global_id("Staff", agent["id"]), "expiryDate": future(),
               "referenceNo": "Q-12", "tags": ["audit", "q2"],
               "items": [{"description": "Audit", "qty": "2", "rate": "250"}]},
    ))["createEstimate"]  # fmt: skip
    assert created["userErrors"] == []
    record = created["record"]
    assert (record["formattedNumber"], record["status"], record["total"]) == (
        "EST-000001", "DRAFT", "500.00",
    )  # fmt: skip
    assert record["saleAgent"] == {"email": "agent@example.com"}
    assert record["tags"] == "audit,q2"
    estimate_id = record["id"]

    sent = data(await gql(client, token, action("sendEstimate"), id=estimate_id))
    assert sent["sendEstimate"]["record"]["status"] == "SENT"
    accepted = data(await gql(
        client, token, ACCEPT, id=estimate_id, input={"acceptanceFirstname": "Karim"},
    ))["acceptEstimate"]["record"]  # fmt: skip
    assert (accepted["status"], accepted["acceptanceFirstname"]) == ("ACCEPTED", "Karim")
    assert accepted["acceptedAt"] is not None

    converted = data(await gql(
        client, token, CONVERT, id=estimate_id, input={"dueDate": future(60), "status": "DRAFT"},
    ))["convertEstimateToInvoice"]  # fmt: skip
    assert converted["userErrors"] == []
    invoice = converted["record"]
    assert (invoice["formattedNumber"], invoice["status"], invoice["total"]) == (
        "INV-000001", "DRAFT", "500.00",
    )  # fmt: skip
    assert invoice["items"]["nodes"] == [{"description": "Audit", "amount": "500.00", "tax": None}]
    assert invoice["estimates"]["nodes"] == [
        {"databaseId": record["databaseId"], "status": "ACCEPTED",
         "invoice": {"databaseId": invoice["databaseId"]}},
    ]  # fmt: skip

    again = data(await gql(client, token, CONVERT, id=estimate_id))["convertEstimateToInvoice"]
    assert [(e["field"], e["code"]) for e in again["userErrors"]] == [("invoiceId", "CONFLICT")]
    declined = data(await gql(client, token, action("declineEstimate"), id=estimate_id))
    assert declined["declineEstimate"]["userErrors"][0]["field"] == "invoiceId"


async def test_update_decline_delete_restore_and_expire(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    estimate = await make_estimate(ctx, customer["id"], expiry_date=dt.date(2020, 1, 31),
                                   date=dt.date(2020, 1, 1))  # fmt: skip
    estimate_id = encode_global_id("Estimate", estimate["id"])

    changed = data(await gql(
        client, token, UPDATE, id=estimate_id, input={"items": [{"description": "x", "rate": "7"}]},
    ))["updateEstimate"]["record"]  # fmt: skip
    assert changed["total"] == "7.00"
    expired = data(await gql(
        client, token, "mutation($on: Date) { expireEstimates(on: $on) }", on="2020-02-01",
    ))["expireEstimates"]  # fmt: skip
    assert expired == [estimate_id]
    late = data(await gql(client, token, ACCEPT, id=estimate_id))["acceptEstimate"]
    assert [(e["field"], e["code"]) for e in late["userErrors"]] == [("expiryDate", "CONFLICT")]
    declined = data(await gql(client, token, action("declineEstimate"), id=estimate_id))
    assert declined["declineEstimate"]["record"]["status"] == "DECLINED"

    deleted = data(await gql(client, token, action("deleteEstimate"), id=estimate_id))
    assert deleted["deleteEstimate"]["userErrors"] == []
    assert await estimates.get_estimate(ctx, estimate["id"]) is None
    restored = data(await gql(client, token, action("restoreEstimate"), id=estimate_id))
    assert restored["restoreEstimate"]["record"]["databaseId"] == estimate["id"]


async def test_estimate_failures_are_user_errors(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    customer_id = encode_global_id("Customer", customer["id"])
    line = {"description": "Audit", "rate": "10"}
    cases: list[tuple[dict[str, Any], str]] = [
        ({"items": [line]}, "customerId"),
        ({"customerId": customer_id, "items": []}, "items"),
        ({"customerId": customer_id, "date": "2030-02-01", "expiryDate": "2030-01-01",
          "items": [line]}, "expiryDate"),
        ({"customerId": customer_id, "saleAgentId": encode_global_id("Staff", 999),
          "items": [line]}, "saleAgentId"),
        ({"customerId": customer_id, "discountType": "sideways", "items": [line]},
         "discountType"),
    ]  # fmt: skip
    for given, field in cases:
        result = data(await gql(client, token, CREATE, input=given))["createEstimate"]
        assert result["record"] is None, given
        assert [e["field"] for e in result["userErrors"]] == [field], (given, result)
    estimate = await make_estimate(ctx, customer["id"])
    bad_date = data(await gql(
        client, token, CONVERT, id=encode_global_id("Estimate", estimate["id"]),
        input={"date": "2030-02-01", "dueDate": "2030-01-01"},
    ))["convertEstimateToInvoice"]  # fmt: skip
    assert [e["field"] for e in bad_date["userErrors"]] == ["dueDate"]


async def test_estimate_pages_cost_the_same_for_two_or_twenty(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    for n in range(20):
        estimate = await make_estimate(ctx, customer["id"])
        if n % 2:
            await estimates.convert_estimate_to_invoice(ctx, estimate["id"])

    two = await gql(client, token, PAGE, first=2)
    twenty = await gql(client, token, PAGE, first=20)

    # estimates: page, count, aggregate, groups; customers and invoices by id; lines
    # page; proposals count
    assert statements(two) == statements(twenty) == 8
    got = data(twenty)["estimates"]
    assert got["aggregate"] == {"sum": {"total": "10000.00"}}
    assert got["groupBy"] == [{"key": "DRAFT", "count": 10}, {"key": "ACCEPTED", "count": 10}]
    top = got["nodes"][0]
    assert top["formattedNumber"] == "EST-000020"
    assert top["invoice"] == {"formattedNumber": "INV-000010"}
    assert top["items"]["nodes"] == [{"description": "Audit", "amount": "500.00"}]
    assert got["nodes"][1]["invoice"] is None


async def test_converting_takes_the_invoices_grant_too(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    customer = await make_customer(ctx)
    estimate = await make_estimate(ctx, customer["id"])
    estimator = (await make_token(db, "estimates:get", "estimates:update", name="est")).token

    body = await gql(client, estimator, CONVERT, id=encode_global_id("Estimate", estimate["id"]))

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "invoices" in body["errors"][0]["message"]
    stored = await estimates.get_estimate(ctx, estimate["id"])
    assert stored is not None and stored["invoice_id"] is None


async def test_estimates_and_their_lines_are_nodes(
    client: httpx.AsyncClient, ctx: Ctx, token: str
) -> None:
    customer = await make_customer(ctx)
    estimate = await make_estimate(ctx, customer["id"])
    line = (await estimates.items_by_estimate_id(ctx, [estimate["id"]]))[0][0]
    ids = [
        encode_global_id("Estimate", estimate["id"]),
        encode_global_id("EstimateItem", line["id"]),
    ]
    query = """
    query($ids: [ID!]!) {
      nodes(ids: $ids) {
        id
        ... on Estimate { formattedNumber }
        ... on EstimateItem { description estimate { databaseId } }
      }
    }
    """

    got = data(await gql(client, token, query, ids=ids))["nodes"]

    assert got == [
        {"id": ids[0], "formattedNumber": "EST-000001"},
        {"id": ids[1], "description": "Audit", "estimate": {"databaseId": estimate["id"]}},
    ]
