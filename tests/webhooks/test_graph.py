"""Webhooks over GraphQL: createWebhook answers the secret once, reads never show it,
deliveries are listed by status with their event and webhook, dead ones are replayed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from gateway.app import create_app
from gateway.database import Database
from gateway.settings import Settings
from resolvers import webhooks
from resolvers.core.context import Ctx
from resolvers.webhooks import Dispatcher, WebhookConfig
from resolvers.webhooks.resource import deliveries
from tests.factories import make_customer, make_token

SETTINGS = Settings(
    secret_key="webhook-graph-test-secret-key-long-enough", sql_trace=True, webhook_worker=False
)
PUBLIC_URL = "https://93.184.215.14/hooks/crm"

CREATE = """
mutation Create($input: CreateWebhookInput!) {
  createWebhook(input: $input) {
    record { id databaseId url events active }
    secret
    userErrors { field code message }
  }
}
"""
LIST = """
{ webhooks(first: 10) { totalCount nodes { id url events } } }
"""
NODE = """
query Node($id: ID!) {
  node(id: $id) { id ... on Webhook { url } ... on WebhookDelivery { status } }
}
"""
DELETE = """
mutation Delete($id: ID!) {
  deleteWebhook(id: $id) { record { databaseId } userErrors { field code message } }
}
"""
DELIVERIES = """
query Deliveries($status: String!) {
  webhookDeliveries(first: 20, filter: {status: {eq: $status}}) {
    totalCount
    nodes { id databaseId status attempts responseCode lastError eventType webhook { url } }
  }
}
"""
REPLAY = """
mutation Replay($id: ID!) {
  replayWebhookDelivery(id: $id) {
    record { status attempts } userErrors { field code message }
  }
}
"""


@pytest.fixture
async def client(strict: WebhookConfig, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(SETTINGS, db=db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@pytest.fixture
async def token(db: Database) -> str:
    return (await make_token(db, "*")).token


async def gql(client: httpx.AsyncClient, query: str, token: str, **variables: Any) -> Any:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_create_answers_the_secret_once_then_lists_and_deletes(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    body = await gql(
        client, CREATE, token, input={"url": PUBLIC_URL, "events": ["invoice.*", "ticket.created"]}
    )

    created = body["data"]["createWebhook"]
    assert created["userErrors"] == []
    assert created["secret"].startswith("whsec_")
    record = created["record"]
    assert record["url"] == PUBLIC_URL and record["events"] == ["invoice.*", "ticket.created"]
    stored = await webhooks.get_webhook(ctx, record["databaseId"])
    assert stored is not None and stored["active"] is True

    listed = await gql(client, LIST, token)
    assert listed["data"]["webhooks"]["nodes"] == [
        {"id": record["id"], "url": PUBLIC_URL, "events": ["invoice.*", "ticket.created"]}
    ]
    node = await gql(client, NODE, token, id=record["id"])
    assert node["data"]["node"] == {"id": record["id"], "url": PUBLIC_URL}
    assert created["secret"] not in str(listed) + str(node)

    deleted = await gql(client, DELETE, token, id=record["id"])
    assert deleted["data"]["deleteWebhook"]["record"]["databaseId"] == record["databaseId"]
    assert (await gql(client, LIST, token))["data"]["webhooks"]["totalCount"] == 0
    again = await gql(client, DELETE, token, id=record["id"])
    assert again["data"]["deleteWebhook"]["userErrors"][0]["code"] == "NOT_FOUND"


async def test_refused_receivers_and_bad_events_are_user_errors(
    client: httpx.AsyncClient, token: str
) -> None:
    private = await gql(
        client, CREATE, token, input={"url": "http://localhost:8000/x", "events": ["*"]}
    )
    bad = await gql(client, CREATE, token, input={"url": PUBLIC_URL, "events": ["invoice"]})

    assert private["data"]["createWebhook"]["record"] is None
    assert private["data"]["createWebhook"]["secret"] is None
    assert [e["field"] for e in private["data"]["createWebhook"]["userErrors"]] == ["url"]
    assert [e["field"] for e in bad["data"]["createWebhook"]["userErrors"]] == ["events.0"]


async def test_a_token_without_the_grant_gets_a_forbidden_error(
    client: httpx.AsyncClient, db: Database
) -> None:
    limited = (await make_token(db, "customers:get")).token

    body = await gql(client, CREATE, limited, input={"url": PUBLIC_URL, "events": ["*"]})

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def dead_deliveries(ctx: Ctx, customers: int) -> None:
    await webhooks.create_webhook(ctx, {"url": PUBLIC_URL, "events": ["customer.created"]})
    for n in range(customers):
        await make_customer(ctx, company=f"Dead {n}")
    await Dispatcher(ctx.db).run_once()
    async with ctx.db.write() as conn:
        await conn.execute(
            update(deliveries).values(
                status="dead", attempts=8, response_code=503, last_error="answered 503"
            )
        )


async def test_dead_deliveries_are_listed_by_status_and_replayed(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    await dead_deliveries(ctx, 1)

    dead = await gql(client, DELIVERIES, token, status="dead")
    pending = await gql(client, DELIVERIES, token, status="pending")

    [delivery] = dead["data"]["webhookDeliveries"]["nodes"]
    assert delivery["status"] == "dead" and delivery["responseCode"] == 503
    assert delivery["eventType"] == "customer.created"
    assert delivery["webhook"] == {"url": PUBLIC_URL}
    assert pending["data"]["webhookDeliveries"]["totalCount"] == 0
    node = await gql(client, NODE, token, id=delivery["id"])
    assert node["data"]["node"] == {"id": delivery["id"], "status": "dead"}

    replayed = await gql(client, REPLAY, token, id=delivery["id"])
    again = await gql(client, REPLAY, token, id=delivery["id"])

    assert replayed["data"]["replayWebhookDelivery"] == {
        "record": {"status": "pending", "attempts": 0},
        "userErrors": [],
    }
    [error] = again["data"]["replayWebhookDelivery"]["userErrors"]
    assert error["field"] == "status" and error["code"] == "CONFLICT"
    assert (await webhooks.delivery_counts(ctx.db))["pending"] == 1


async def test_delivery_reads_cost_the_same_statements_for_one_or_many(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    await dead_deliveries(ctx, 1)
    one = await gql(client, DELIVERIES, token, status="dead")
    await dead_deliveries(ctx, 4)
    many = await gql(client, DELIVERIES, token, status="dead")

    assert len(many["data"]["webhookDeliveries"]["nodes"]) > 1
    assert one["extensions"]["sql"]["statements"] == many["extensions"]["sql"]["statements"]
