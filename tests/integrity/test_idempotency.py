"""Idempotency-Key on POST: a retry returns the first reply and writes nothing twice."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
from sqlalchemy import func, select

from gateway.database import Database
from resolvers.core import idempotency
from resolvers.models import Customer, IdempotencyKey, table_of
from tests.integrity.test_fault_atomicity import fault

CREATE = 'mutation { createCustomer(input: {company: "Graph"}) { record { databaseId } } }'


def auth(token: str, key: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Idempotency-Key": key, **extra}


async def customer_count(db: Database) -> int:
    async with db.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(table_of(Customer))) or 0)


async def test_a_retried_rest_create_returns_the_first_reply_and_creates_once(
    client: httpx.AsyncClient, token: str, db: Database
) -> None:
    body = {"company": "Acme"}

    first = await client.post("/api/v1/customers", json=body, headers=auth(token, "k-1"))
    again = await client.post("/api/v1/customers", json=body, headers=auth(token, "k-1"))

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert again.headers["etag"] == first.headers["etag"]
    assert await customer_count(db) == 1


async def test_a_retried_graphql_mutation_runs_once(
    client: httpx.AsyncClient, token: str, db: Database
) -> None:
    first = await client.post("/graphql", json={"query": CREATE}, headers=auth(token, "g-1"))
    again = await client.post("/graphql", json={"query": CREATE}, headers=auth(token, "g-1"))

    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert await customer_count(db) == 1


async def test_the_same_key_with_another_body_is_422(
    client: httpx.AsyncClient, token: str, db: Database
) -> None:
    await client.post("/api/v1/customers", json={"company": "A"}, headers=auth(token, "k-2"))

    other = await client.post(
        "/api/v1/customers", json={"company": "B"}, headers=auth(token, "k-2")
    )

    assert other.status_code == 422 and other.json()["error"] == "key_reused"
    assert await customer_count(db) == 1


async def test_keys_belong_to_their_caller(client: httpx.AsyncClient, db: Database) -> None:
    from tests.factories import make_token

    one, two = (await make_token(db, "*")).token, (await make_token(db, "*")).token
    body = {"company": "Same"}

    await client.post("/api/v1/customers", json=body, headers=auth(one, "shared"))
    second = await client.post("/api/v1/customers", json=body, headers=auth(two, "shared"))

    assert "idempotent-replayed" not in second.headers
    assert await customer_count(db) == 2


async def test_a_key_in_flight_is_409_in_the_dialect_shape(
    client: httpx.AsyncClient, token: str, db: Database
) -> None:
    from resolvers.core.identity import principal_for_token

    async with db.read() as conn:
        principal = await principal_for_token(conn, token)
    assert principal is not None
    body = b'{"company": "Acme"}'
    import hashlib

    fingerprint = hashlib.sha256(b"POST\0/api/v2/customers\0\0" + body).hexdigest()
    owner = f"{principal.kind}:{principal.id}"
    assert await idempotency.claim(db, owner, "busy", fingerprint, ttl=timedelta(hours=1)) is None

    busy = await client.post(
        "/api/v2/customers",
        content=body,
        headers=auth(token, "busy", **{"Content-Type": "application/json"}),
    )

    assert busy.status_code == 409 and busy.json()["success"] is False
    assert await customer_count(db) == 0


async def test_racing_requests_with_one_key_write_once(
    client: httpx.AsyncClient, token: str, db: Database
) -> None:
    body = {"company": "Racer"}

    replies = await asyncio.gather(
        *(
            client.post("/api/v1/customers", json=body, headers=auth(token, "race"))
            for _ in range(6)
        )
    )

    assert {r.status_code for r in replies} <= {201, 409}
    assert sum(r.status_code == 201 for r in replies) >= 1
    assert await customer_count(db) == 1


async def test_a_server_error_is_not_kept_so_the_retry_runs(
    client: httpx.AsyncClient, token: str, db: Database
) -> None:
    body = {"company": "Acme"}
    async with fault(db, "customers", "NEW.company = 'Acme'"):
        failed = await client.post("/api/v1/customers", json=body, headers=auth(token, "k-5"))

    retried = await client.post("/api/v1/customers", json=body, headers=auth(token, "k-5"))

    assert failed.status_code == 500
    assert retried.status_code == 201 and "idempotent-replayed" not in retried.headers
    assert await customer_count(db) == 1


async def test_expired_keys_are_purged(db: Database) -> None:
    await idempotency.claim(db, "token:1", "old", "f" * 64, ttl=timedelta(hours=1))

    removed = await idempotency.purge_expired(db, ttl=timedelta(seconds=-1))

    assert removed == 1
    async with db.read() as conn:
        assert await conn.scalar(select(func.count()).select_from(table_of(IdempotencyKey))) == 0
