"""Registering webhooks over REST, as each document shows: v2's `POST /api/v2/webhooks`
and tech9's `POST /api/webhooks` (perfex documents no webhooks), with listing and
deleting on the same paths."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from gateway.database import Database
from resolvers import webhooks
from resolvers.core.context import Ctx
from resolvers.core.pagination import PageArgs
from resolvers.webhooks import WebhookConfig
from tests.factories import make_token
from tests.rest_compat.conftest import build_app

PUBLIC_URL = "https://93.184.215.14/hooks/crm"


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build_app(db))
    async with httpx.AsyncClient(transport=transport, base_url="http://crm.test") as c:
        yield c


@pytest.fixture
async def token(db: Database) -> str:
    return (await make_token(db, "*")).token


async def test_v2_registers_lists_and_deletes(
    client: httpx.AsyncClient, token: str, ctx: Ctx, strict: WebhookConfig
) -> None:
    headers = {"X-API-KEY": token}
    body = {"url": PUBLIC_URL, "events": ["invoice.created", "payment.received"]}

    created = await client.post("/api/v2/webhooks", json=body, headers=headers)

    assert created.status_code == 201, created.text
    data = created.json()["data"]
    assert created.json()["success"] is True
    assert data["url"] == PUBLIC_URL and data["events"] == body["events"]
    assert data["secret"].startswith("whsec_") and data["active"] is True
    stored = await webhooks.get_webhook(ctx, data["id"])
    assert stored is not None and stored["events"] == "invoice.created,payment.received"
    assert "X-RateLimit-Limit" in created.headers

    listed = await client.get("/api/v2/webhooks", headers=headers)
    assert listed.status_code == 200
    assert [w["id"] for w in listed.json()["data"]] == [data["id"]]
    assert "secret" not in listed.json()["data"][0]
    assert listed.json()["meta"]["total_records"] == 1

    gone = await client.delete(f"/api/v2/webhooks/{data['id']}", headers=headers)
    assert gone.status_code == 200 and gone.json()["data"] == {"id": data["id"]}
    assert (await webhooks.list_webhooks(ctx, PageArgs(first=5))).rows == []
    again = await client.delete(f"/api/v2/webhooks/{data['id']}", headers=headers)
    assert again.status_code == 404


async def test_v2_refusals_name_the_field(
    client: httpx.AsyncClient, token: str, strict: WebhookConfig
) -> None:
    headers = {"X-API-KEY": token}

    private = await client.post(
        "/api/v2/webhooks", json={"url": "http://127.0.0.1/x", "events": ["*"]}, headers=headers
    )
    missing = await client.post("/api/v2/webhooks", json={"url": PUBLIC_URL}, headers=headers)
    anonymous = await client.post("/api/v2/webhooks", json={"url": PUBLIC_URL, "events": ["*"]})

    assert private.status_code == 400
    assert private.json()["success"] is False and list(private.json()["errors"]) == ["url"]
    assert missing.status_code == 400 and list(missing.json()["errors"]) == ["events"]
    assert anonymous.status_code == 401


async def test_tech9_registers_as_documented(
    client: httpx.AsyncClient, token: str, ctx: Ctx, strict: WebhookConfig
) -> None:
    headers = {"Authtoken": token}
    body = {"url": PUBLIC_URL, "events": ["lead.created", "invoice.paid"]}

    created = await client.post("/api/webhooks", json=body, headers=headers)

    assert created.status_code == 201, created.text
    assert set(created.json()) == {"id", "secret"}
    webhook_id = created.json()["id"]
    stored = await webhooks.get_webhook(ctx, webhook_id)
    assert stored is not None and stored["url"] == PUBLIC_URL
    listed = await client.get("/api/webhooks", params={"page": 1}, headers=headers)
    assert listed.json() == {
        "data": [{"id": webhook_id, "url": PUBLIC_URL, "events": body["events"],
                  "active": True, "created_at": listed.json()["data"][0]["created_at"]}],
        "page": 1, "per_page": listed.json()["per_page"], "total": 1,
    }  # fmt: skip
    deleted = await client.delete(f"/api/webhooks/{webhook_id}", headers=headers)
    assert deleted.status_code == 204
    assert await webhooks.get_webhook(ctx, webhook_id) is None


async def test_tech9_refusals(client: httpx.AsyncClient, token: str, strict: WebhookConfig) -> None:
    headers = {"Authtoken": token}

    private = await client.post(
        "/api/webhooks", json={"url": "http://10.0.0.8/x", "events": ["*"]}, headers=headers
    )
    bad_event = await client.post(
        "/api/webhooks", json={"url": PUBLIC_URL, "events": ["invoice"]}, headers=headers
    )
    unknown = await client.delete("/api/webhooks/999999", headers=headers)

    assert private.status_code == 400 and list(private.json()["errors"]) == ["url"]
    assert bad_event.status_code == 400 and list(bad_event.json()["errors"]) == ["events.0"]
    assert unknown.status_code == 404


async def test_a_token_without_the_grant_is_forbidden(
    client: httpx.AsyncClient, db: Database, strict: WebhookConfig
) -> None:
    limited = (await make_token(db, "customers:get")).token

    response = await client.post(
        "/api/webhooks", json={"url": PUBLIC_URL, "events": ["*"]}, headers={"Authtoken": limited}
    )

    assert response.status_code == 403
