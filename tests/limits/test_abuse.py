"""Abuse limits: depth, aliases and tokens refused before any SQL; no batches; request
body sizes (413) and the per-request deadline (504), each in the caller's shape."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.types import Receive, Scope, Send

from gateway.database import Database
from gateway.limits.dialects import DialectMap
from gateway.limits.timeout import TimeoutMiddleware
from tests.limits.helpers import client_for, statements, token

DEPTH_30 = (
    "{ customers { nodes { "
    + "contacts { nodes { customer { " * 10
    + "id"
    + " } } }" * 10
    + " } } }"
)
ALIASES_1000 = "{ " + " ".join(f"a{i}: customers {{ totalCount }}" for i in range(1000)) + " }"
TYPENAMES_1000 = "{ " + " ".join(f"a{i}: __typename" for i in range(1000)) + " }"
DEPTH_4 = "{ customers { nodes { contacts { nodes { email } } } } }"


async def refused_code(db: Database, query: str, **overrides: object) -> str:
    headers = await token(db)
    async with client_for(db, **overrides) as client:
        with statements(db) as seen:
            response = await client.post("/graphql", json={"query": query}, headers=headers)
    body = response.json()
    assert "data" not in body, body
    # Only the credential was looked up: nothing of the operation reached the database.
    assert all("api_tokens" in s for s in seen), seen
    code: str = body["errors"][0]["extensions"]["code"]
    return code


async def test_a_depth_30_query_is_refused_before_any_sql(db: Database) -> None:
    assert await refused_code(db, DEPTH_30) == "DEPTH_LIMIT"


async def test_a_1000_alias_query_is_refused_before_any_sql(db: Database) -> None:
    # 1,000 aliases of one field is 7,000 tokens: raise the token limit so the alias
    # limit is the one that answers.
    assert await refused_code(db, ALIASES_1000, max_query_tokens=20_000) == "ALIAS_LIMIT"
    assert await refused_code(db, TYPENAMES_1000) == "ALIAS_LIMIT"


async def test_a_document_over_the_token_limit_is_refused_before_any_sql(db: Database) -> None:
    assert await refused_code(db, ALIASES_1000) == "TOKEN_LIMIT"


async def test_the_depth_limit_comes_from_the_settings(db: Database) -> None:
    assert await refused_code(db, DEPTH_4, max_query_depth=3) == "DEPTH_LIMIT"


async def test_a_cached_verdict_belongs_to_the_limits_that_gave_it(db: Database) -> None:
    # The same document, twice under each limit: the verdict cache (schema.limits) never
    # lends one schema's refusal, or acceptance, to another's limits.
    headers = await token(db)
    for depth, refused in ((3, True), (12, False), (3, True), (12, False)):
        async with client_for(db, max_query_depth=depth) as client:
            reply = await client.post("/graphql", json={"query": DEPTH_4}, headers=headers)
        codes = [e["extensions"]["code"] for e in reply.json().get("errors", [])]
        assert codes == (["DEPTH_LIMIT"] if refused else []), (depth, reply.json())


async def test_batched_operations_are_refused(db: Database) -> None:
    headers = {**(await token(db)), "Content-Type": "application/json"}
    batch = b'[{"query": "{ __typename }"}, {"query": "{ __typename }"}]'
    async with client_for(db) as client:
        response = await client.post("/graphql", content=batch, headers=headers)

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


BIG_BODIES = {
    "graphql": ("/graphql", lambda b: b["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"),
    "v2": ("/api/v2/customers", lambda b: b["success"] is False),
    "v1": ("/api/v1/customers", lambda b: b["error"] == "payload_too_large"),
    "ninja": ("/api/v1/clients", lambda b: set(b) == {"message"}),
    "tech9": ("/api/customers", lambda b: b["error"] == "payload_too_large"),
}


@pytest.mark.parametrize("surface", BIG_BODIES)
async def test_a_body_over_the_limit_is_refused_with_413(db: Database, surface: str) -> None:
    path, shaped = BIG_BODIES[surface]
    headers = {**(await token(db)), "Content-Type": "application/json"}
    async with client_for(db, max_body_bytes=1000) as client:
        declared = await client.post(path, content=b" " * 1001, headers=headers)
        # A generator body goes out chunked, without a Content-Length to check up front.
        chunked = await client.post(path, content=chunks(b" " * 600, b" " * 600), headers=headers)
        small = await client.post(path, json={}, headers=headers)

    for response in (declared, chunked):
        assert response.status_code == 413, response.text
        assert shaped(response.json()), response.text
        assert "1000 bytes" in response.json().get("message", response.text)
    assert small.status_code != 413


async def test_multipart_uploads_get_the_upload_limit(db: Database) -> None:
    headers = await token(db)
    files = {"file": ("a.txt", b"x" * 5000, "text/plain")}
    async with client_for(db, max_body_bytes=1000, max_upload_bytes=10_000) as client:
        upload = await client.post("/api/v1/customers", files=files, headers=headers)
        too_big = await client.post(
            "/api/v1/customers", files={"file": ("b.txt", b"x" * 12_000, "text/plain")},
            headers=headers,
        )  # fmt: skip

    assert upload.status_code != 413
    assert too_big.status_code == 413


async def slow(scope: Scope, receive: Receive, send: Send) -> None:
    await asyncio.sleep(5)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/graphql", {"errors": [{"message": "", "extensions": {"code": "TIMEOUT"}}]}),
        ("/api/v1/customers", {"error": "timeout", "message": ""}),
        ("/api/v2/customers", {"success": False, "message": ""}),
        ("/api/customers", {"status": False, "message": ""}),
    ],
)
async def test_a_request_past_its_deadline_gets_504_in_its_shape(
    path: str, expected: dict[str, object]
) -> None:
    app = TimeoutMiddleware(slow, seconds=0.05, dialects=DialectMap.from_routes())
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://crm.test"
    ) as client:
        response = await client.get(path)

    assert response.status_code == 504
    body = response.json()
    message = "The request took longer than 0.05 seconds and was stopped"
    if "errors" in body:
        assert body["errors"][0]["message"] == message
        body["errors"][0]["message"] = ""
    else:
        assert body["message"] == message
        body["message"] = ""
    assert body == expected


async def test_the_app_applies_the_deadline_from_the_settings(db: Database) -> None:
    headers = await token(db)
    async with client_for(db, request_timeout_seconds=0.000001) as client:
        response = await client.get("/api/v2/customers", headers=headers)

    assert response.status_code == 504 and response.json()["success"] is False


async def test_one_watch_stops_only_the_requests_past_their_deadline() -> None:
    # One timer watches every request in flight: a slow request among quick ones gets
    # its 504, the quick ones their replies, and a cancellation that is not the
    # deadline's (the client gone) is not turned into a 504.
    async def sometimes_slow(scope: Scope, receive: Receive, send: Send) -> None:
        await asyncio.sleep(10 if scope["path"].endswith("slow") else 0.001)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    app = TimeoutMiddleware(sometimes_slow, seconds=0.2, dialects=DialectMap.from_routes())
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://crm.test"
    ) as client:
        paths = ["/api/v1/customers/slow", *(f"/api/v1/customers/{n}" for n in range(20))]
        started = asyncio.get_running_loop().time()
        replies = await asyncio.gather(*(client.get(path) for path in paths))
        waited = asyncio.get_running_loop().time() - started
        gone = asyncio.create_task(client.get("/api/v1/customers/slow"))
        await asyncio.sleep(0.05)
        gone.cancel()
        with pytest.raises(asyncio.CancelledError):
            await gone

    assert [r.status_code for r in replies] == [504, *[200] * 20]
    assert 0.2 <= waited < 2
