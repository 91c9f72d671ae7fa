"""v2: `{success, data, meta}`, `account` for the name, rate-limit headers, batches."""

from __future__ import annotations

import httpx

from gateway.database import Database
from resolvers import customers
from resolvers.core.context import Ctx
from resolvers.core.pagination import PageArgs
from tests.factories import make_customer, make_token

JANE = {
    "account": "Jane Smith",
    "email": "jane@example.com",
    "phone": "1234567890",
    "address": "123 Business St",
    "city": "New York",
    "state": "NY",
    "zip": "10001",
    "country": "US",
}


def key(token: str) -> dict[str, str]:
    return {"X-API-KEY": token}


async def test_customer_flow_from_the_document(client: httpx.AsyncClient, token: str) -> None:
    created = await client.post("/api/v2/customers", json=JANE, headers=key(token))
    customer_id = created.json()["data"]["id"]
    read = await client.get(f"/api/v2/customers/{customer_id}", headers=key(token))
    updated = await client.put(
        f"/api/v2/customers/{customer_id}", json={"account": "Jane Doe"}, headers=key(token)
    )
    deleted = await client.delete(f"/api/v2/customers/{customer_id}", headers=key(token))
    gone = await client.get(f"/api/v2/customers/{customer_id}", headers=key(token))

    assert created.status_code == 201 and created.json()["success"] is True
    data = read.json()["data"]
    assert {k: data[k] for k in JANE} == JANE
    assert data["created_at"].endswith("Z")
    assert updated.json()["data"]["account"] == "Jane Doe"
    assert deleted.json()["success"] is True
    assert gone.status_code == 404 and gone.json()["success"] is False


async def test_list_meta_and_search(client: httpx.AsyncClient, token: str, ctx: Ctx) -> None:
    for n in range(5):
        await make_customer(ctx, company=f"Account {n}")

    page = await client.get("/api/v2/customers?page=2&limit=2", headers=key(token))
    found = await client.get("/api/v2/customers?search=account%204", headers=key(token))

    assert page.json()["meta"] == {"current_page": 2, "total_pages": 3, "total_records": 5}
    assert [c["account"] for c in page.json()["data"]] == ["Account 2", "Account 3"]
    assert [c["account"] for c in found.json()["data"]] == ["Account 4"]


async def test_validation_errors_have_the_documented_shape(
    client: httpx.AsyncClient, token: str
) -> None:
    response = await client.post(
        "/api/v2/customers", json={"account": "", "email": "not-an-email"}, headers=key(token)
    )

    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False and body["message"] == "Validation failed"
    assert "account" in body["errors"]


async def test_every_reply_carries_real_rate_limit_headers(
    client: httpx.AsyncClient, token: str
) -> None:
    first = await client.get("/api/v2/customers", headers=key(token))
    second = await client.get("/api/v2/customers/999", headers=key(token))
    anonymous = await client.get("/api/v2/customers")

    assert first.headers["X-RateLimit-Limit"] == "1000"
    assert int(second.headers["X-RateLimit-Remaining"]) == (
        int(first.headers["X-RateLimit-Remaining"]) - 1
    )
    assert int(first.headers["X-RateLimit-Reset"]) > 0
    assert second.status_code == 404 and "X-RateLimit-Remaining" in second.headers
    assert anonymous.status_code == 401 and "X-RateLimit-Limit" in anonymous.headers


async def test_a_tokens_own_hourly_limit_is_enforced(
    client: httpx.AsyncClient, db: Database
) -> None:
    from resolvers.tokens import issue_token

    async with db.write() as conn:
        issued = await issue_token(conn, name="tight", grants=["*"], rate_limit_per_hour=2)

    answers = [await client.get("/api/v2/customers", headers=key(issued.token)) for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].headers["X-RateLimit-Remaining"] == "0"
    assert answers[2].json()["success"] is False


async def test_batch_create_is_all_or_nothing_and_names_failing_items(
    client: httpx.AsyncClient, token: str, ctx: Ctx
) -> None:
    good = {"customers": [{"account": "Customer 1", "email": "customer1@example.com"},
                          {"account": "Customer 2", "email": "customer2@example.com"}]}  # fmt: skip
    bad = {"customers": [{"account": "Customer 3"}, {"account": ""},
                         {"account": "Customer 5", "email": "nope"}]}  # fmt: skip

    created = await client.post("/api/v2/batch/customers", json=good, headers=key(token))
    refused = await client.post("/api/v2/batch/customers", json=bad, headers=key(token))
    malformed = await client.post("/api/v2/batch/customers", json={}, headers=key(token))
    extra = {**good, "dry_run": True}
    unknown = await client.post("/api/v2/batch/customers", json=extra, headers=key(token))

    assert created.status_code == 201
    assert [c["email"] for c in created.json()["data"]] == [
        "customer1@example.com",
        "customer2@example.com",
    ]
    assert refused.status_code == 400
    assert refused.json()["failed_items"] == [1, 2]
    assert set(refused.json()["errors"]) == {"customers.1.account", "customers.2.email"}
    stored = await customers.list_customers(ctx, PageArgs(first=10))
    assert sorted(r["company"] for r in stored.rows) == ["Customer 1", "Customer 2"]
    assert malformed.status_code == 400
    assert unknown.status_code == 400 and "dry_run" in unknown.json()["errors"]


async def test_batch_failures_inside_the_transaction_roll_everything_back(
    client: httpx.AsyncClient, db: Database, ctx: Ctx
) -> None:
    # Valid on their own; the second item's contact email fails only once written.
    items = {"customers": [{"account": "A", "email": "a@example.com"},
                           {"account": "B", "email": "b@example.com"}]}  # fmt: skip
    only_create = (await make_token(db, "customers:create")).token

    response = await client.post("/api/v2/batch/customers", json=items, headers=key(only_create))
    stored = await customers.list_customers(ctx, PageArgs(first=10))

    # Adding contacts needs contacts:create, which this token lacks.
    assert response.status_code == 403
    assert stored.rows == []
