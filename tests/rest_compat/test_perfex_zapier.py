"""perfex: the Zapier endpoints (resources, poll, test, the route handler), over
either credential header."""

from __future__ import annotations

import time

import httpx

from resolvers import customers, leads
from resolvers.core.context import Ctx
from tests.factories import make_customer


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_resources_lists_the_pollable_ones(client: httpx.AsyncClient, token: str) -> None:
    listed = await client.get("/api/zapier/resources", headers={"authtoken": token})
    anonymous = await client.get("/api/zapier/resources")

    assert listed.status_code == 200
    assert listed.json()["status"] is True
    assert [r["key"] for r in listed.json()["data"]] == [
        "customers", "invoices", "leads", "tasks", "tickets"]  # fmt: skip
    assert listed.json()["data"][4]["description"] == "New or updated support tickets"
    assert anonymous.status_code == 401


async def test_poll_returns_each_changed_record_once_newest_first(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    first = await make_customer(ctx, company="Example Company")
    second = await make_customer(ctx, company="Second Co")
    await customers.update_customer(ctx, first["id"], {"city": "Dubai"})
    gone = await make_customer(ctx, company="Gone Co")
    await customers.delete_customer(ctx, gone["id"])

    polled = await client.get("/api/zapier/poll/customers?since=0", headers=bearer(token))

    assert polled.status_code == 200
    body = polled.json()
    assert body["status"] is True
    assert [c["company"] for c in body["data"]] == ["Example Company", "Second Co"]
    assert body["data"][0]["city"] == "Dubai" and body["data"][0]["userid"] == str(first["id"])
    assert body["meta"]["since"] == 0 and body["meta"]["count"] == 2
    assert abs(body["meta"]["next_poll"] - time.time()) < 60
    assert second["id"] != first["id"]


async def test_poll_pages_with_limit_and_next_poll(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    for n in range(3):
        await leads.create_lead(ctx, {"name": f"Lead {n}"})

    first = await client.get("/api/zapier/poll/leads?since=0&limit=2", headers=bearer(token))
    later = await client.get(
        f"/api/zapier/poll/leads?since={first.json()['meta']['next_poll']}&limit=2",
        headers=bearer(token),
    )
    default = await client.get("/api/zapier/poll/leads", headers=bearer(token))

    assert [r["name"] for r in first.json()["data"]] == ["Lead 1", "Lead 0"]
    assert first.json()["meta"]["count"] == 2
    # The next poll starts just after the last change returned: it sees the rest.
    assert [r["name"] for r in later.json()["data"]] == ["Lead 2"]
    assert isinstance(first.json()["meta"]["next_poll"], float)
    assert [r["name"] for r in default.json()["data"]] == ["Lead 2", "Lead 1", "Lead 0"]


async def test_poll_and_test_refuse_an_unknown_resource_and_a_bad_limit(
    client: httpx.AsyncClient, token: str
) -> None:
    unknown = await client.get("/api/zapier/poll/planets", headers=bearer(token))
    too_many = await client.get("/api/zapier/poll/leads?limit=500", headers=bearer(token))
    test_unknown = await client.get("/api/zapier/test/planets", headers=bearer(token))

    assert unknown.status_code == 400
    assert unknown.json()["status"] is False
    assert unknown.json()["message"] == "Resource parameter required"
    assert too_many.status_code == 400 and "limit" in too_many.json()["message"]
    assert test_unknown.status_code == 400


async def test_test_trigger_shows_a_sample_record(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    empty = await client.get("/api/zapier/test/customers", headers=bearer(token))
    await make_customer(ctx, company="Sample Real Co")
    real = await client.get("/api/zapier/test/customers", headers=bearer(token))

    assert empty.json() == {"status": True, "data": {"id": 1, "company": "Sample Company",
                                                     "email": "sample@example.com",
                                                     "phone": "+1234567890"}}  # fmt: skip
    assert real.json()["data"]["company"] == "Sample Real Co"


async def test_the_route_handler_dispatches_and_refuses_unknown_methods(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    await make_customer(ctx, company="Routed Co")

    polled = await client.get("/api/zapier/poll_get/customers?since=0", headers=bearer(token))
    tested = await client.get("/api/zapier/test/customers", headers=bearer(token))
    listed = await client.get("/api/zapier/resources_get/any", headers=bearer(token))
    unknown = await client.get("/api/zapier/invalid/customers", headers=bearer(token))

    assert [c["company"] for c in polled.json()["data"]] == ["Routed Co"]
    assert tested.json()["data"]["company"] == "Routed Co"
    assert len(listed.json()["data"]) == 5
    assert unknown.status_code == 404
    assert unknown.json() == {"error": "Method not found: invalid_get"}
