"""The request quota over HTTP: headers on every REST and GraphQL reply, 429 in each
dialect's shape, per-token limits, anonymous callers by address, uncounted paths."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gateway.database import Database
from tests.limits.helpers import client_for, token

# One GET per surface, each answering 200 for an all-permissions token.
SURFACES = {
    "perfex": ("GET", "/api/customers", None),
    "tech9": ("GET", "/api/customers?page=1", None),
    "v1": ("GET", "/api/v1/currencies", None),
    "v2": ("GET", "/api/v2/customers", None),
    "ninja": ("GET", "/api/v1/clients", None),
    "graphql": ("POST", "/graphql", {"query": "{ customers(first: 1) { totalCount } }"}),
}


async def call(client: httpx.AsyncClient, surface: str, headers: dict[str, str]) -> httpx.Response:
    method, path, body = SURFACES[surface]
    return await client.request(method, path, json=body, headers=headers)


def rate_limited_body(surface: str, body: dict[str, Any]) -> bool:
    message = "Too many requests: the hourly rate limit is spent"
    return {
        "perfex": body == {"status": False, "message": message},
        "tech9": body == {"error": "rate_limited", "message": message},
        "v1": body == {"error": "rate_limited", "message": message},
        "v2": body == {"success": False, "message": message},
        "ninja": body == {"message": message},
        "graphql": body
        == {"errors": [{"message": message, "extensions": {"code": "RATE_LIMITED"}}]},
    }[surface]


@pytest.mark.parametrize("surface", SURFACES)
async def test_every_reply_carries_the_quota_and_counts_down(db: Database, surface: str) -> None:
    headers = await token(db)
    async with client_for(db) as client:
        first = await call(client, surface, headers)
        second = await call(client, surface, headers)

    assert first.status_code == 200, first.text
    assert first.headers["X-RateLimit-Limit"] == "1000"
    assert first.headers["X-RateLimit-Remaining"] == "999"
    assert second.headers["X-RateLimit-Remaining"] == "998"
    assert int(first.headers["X-RateLimit-Reset"]) % 3600 == 0


@pytest.mark.parametrize("surface", SURFACES)
async def test_a_spent_quota_answers_429_in_the_dialects_shape(db: Database, surface: str) -> None:
    headers = await token(db, rate_limit=1)
    async with client_for(db) as client:
        allowed = await call(client, surface, headers)
        refused = await call(client, surface, headers)

    assert allowed.status_code == 200 and allowed.headers["X-RateLimit-Limit"] == "1"
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 3600
    assert refused.headers["X-RateLimit-Remaining"] == "0"
    assert rate_limited_body(surface, refused.json()), refused.text


async def test_rest_and_graphql_share_one_quota_per_token(db: Database) -> None:
    tight, other = await token(db, rate_limit=3), await token(db, rate_limit=3)
    async with client_for(db) as client:
        answers = [await call(client, s, tight) for s in ("v2", "graphql", "perfex", "ninja")]
        untouched = await call(client, "v1", other)

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert untouched.headers["X-RateLimit-Remaining"] == "2"


async def test_the_default_limit_comes_from_the_settings(db: Database) -> None:
    headers = await token(db)
    async with client_for(db, rate_limit_per_hour=2) as client:
        answers = [await call(client, "v2", headers) for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[0].headers["X-RateLimit-Limit"] == "2"


async def test_anonymous_callers_are_counted_by_address(db: Database) -> None:
    async with client_for(db, rate_limit_per_hour=1, address="10.0.0.1") as first:
        one = await first.get("/api/v2/customers")
        two = await first.get("/api/v2/customers")
    async with client_for(db, rate_limit_per_hour=1, address="10.0.0.2") as second:
        other = await second.get("/api/v2/customers")

    # Unauthenticated, yet counted: 401 in v2's shape, then 429.
    assert (one.status_code, two.status_code, other.status_code) == (401, 429, 401)
    assert one.headers["X-RateLimit-Remaining"] == "0"


async def test_operational_docs_and_ide_paths_are_not_counted(db: Database) -> None:
    headers = await token(db, rate_limit=1)
    async with client_for(db) as client:
        for path in ("/healthz", "/openapi.json", "/docs"):
            response = await client.get(path, headers=headers)
            assert "X-RateLimit-Limit" not in response.headers, path
        ide = await client.get("/graphql", headers={**headers, "Accept": "text/html"})
        counted = await call(client, "v2", headers)

    assert ide.status_code == 200 and "X-RateLimit-Limit" not in ide.headers
    assert counted.status_code == 200 and counted.headers["X-RateLimit-Remaining"] == "0"
