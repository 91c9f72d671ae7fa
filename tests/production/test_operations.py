"""/healthz, /readyz, /metrics, the request log line and the request id, in process."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY
from starlette.types import Receive, Scope, Send

from gateway.app import create_app
from gateway.database import Database
from gateway.front_door import FrontDoor
from gateway.health import ping_redis
from gateway.limits.rejections import record_rejection
from gateway.logging_config import JsonFormatter, TextFormatter
from gateway.request_log import UNMATCHED
from gateway.settings import Settings

SETTINGS = Settings(secret_key="operations-test-secret-key-long-enough-for-hs256")
NAMED = "query OpsCounted { customers(first: 1) { nodes { id } } }"

Serve = Callable[[bytes], Awaitable[None]]


def client_for(db: Database, settings: Settings = SETTINGS) -> httpx.AsyncClient:
    app = create_app(settings, db=db)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(db) as c:
        yield c


async def fake_server(reply: bytes | None) -> tuple[asyncio.Server, int]:
    """A TCP server answering every line with `reply`, or never answering at all."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await reader.readline():
                if reply is not None:
                    writer.write(reply)
                    await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_healthz_answers_without_credentials_and_returns_a_request_id(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(response.headers["x-request-id"]) == 32


async def test_readyz_is_ready_on_a_migrated_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ready", "checks": {"database": "ok"}}


async def test_readyz_names_a_database_it_cannot_reach(db: Database) -> None:
    # given a database URL where nothing listens
    unreachable = Database("postgresql+asyncpg://postgres@127.0.0.1:1/crm")
    try:
        async with client_for(unreachable) as c:
            response = await c.get("/readyz")
    finally:
        await unreachable.dispose()
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unready"
    assert body["error"].startswith("database: ")
    assert body["checks"]["database"] != "ok"


async def test_readyz_gives_up_on_a_silent_database_within_its_timeout(db: Database) -> None:
    # given a "database" that accepts connections and never answers
    server, port = await fake_server(None)
    silent = Database(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/crm")
    settings = replace(SETTINGS, ready_timeout_seconds=0.5)
    try:
        async with client_for(silent, settings) as c:
            started = time.monotonic()
            response = await c.get("/readyz")
            elapsed = time.monotonic() - started
    finally:
        server.close()
        await silent.dispose()
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "timed out after 0.5s"
    assert elapsed < 3


async def test_readyz_reports_migrations_that_are_not_current(tmp_path: Path) -> None:
    empty = Database(f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
    try:
        async with client_for(empty) as c:
            response = await c.get("/readyz")
    finally:
        await empty.dispose()
    assert response.status_code == 503
    assert "migrations not current: database at none" in response.json()["checks"]["database"]


async def test_readyz_checks_redis_when_it_is_configured(db: Database) -> None:
    server, port = await fake_server(None)
    server.close()  # nothing listens on that port any more
    await server.wait_closed()
    settings = replace(SETTINGS, redis_url=f"redis://127.0.0.1:{port}/0")
    async with client_for(db, settings) as c:
        response = await c.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["error"].startswith("redis: ")


async def test_ping_redis_sends_auth_then_ping() -> None:
    pong, port = await fake_server(b"+PONG\r\n")
    refusing, refusing_port = await fake_server(b"-WRONGPASS invalid password\r\n")
    try:
        await ping_redis(f"redis://127.0.0.1:{port}/0")
        with pytest.raises(Exception, match="Redis refused AUTH: WRONGPASS"):
            await ping_redis(f"redis://:secret@127.0.0.1:{refusing_port}/0")
    finally:
        pong.close()
        refusing.close()


async def test_metrics_count_requests_by_route_template_and_operation(
    client: httpx.AsyncClient,
) -> None:
    # given the counters before
    ops = sample("crm_graphql_operations_total", operation="OpsCounted", status="200")
    gets = sample(
        "crm_http_requests_total", method="GET", route="/api/v1/customers/{id}", status="401"
    )
    # when two named operations and three REST reads of different ids are served
    for _ in range(2):
        await client.post("/graphql", json={"query": NAMED})
    for n in range(3):
        await client.get(f"/api/v1/customers/{n + 1}?key=secret")
    # then they are counted under the operation name and the route template
    scrape = await client.get("/metrics")
    assert scrape.status_code == 200
    assert sample("crm_graphql_operations_total", operation="OpsCounted", status="200") == ops + 2
    after = sample(
        "crm_http_requests_total", method="GET", route="/api/v1/customers/{id}", status="401"
    )
    assert after == gets + 3
    assert "crm_sql_statements_per_request_bucket" in scrape.text
    assert "crm_webhook_outbox_depth 0.0" in scrape.text
    # and the probes themselves are not traffic
    assert 'route="/metrics"' not in scrape.text


async def test_limit_rejections_reported_by_the_limiters_are_counted(
    client: httpx.AsyncClient,
) -> None:
    before = sample("crm_limit_rejections_total", kind="abuse_limit", limit="depth")
    record_rejection("depth")
    assert sample("crm_limit_rejections_total", kind="abuse_limit", limit="depth") == before + 1


async def test_metrics_without_a_token_refuse_clients_behind_a_proxy(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    assert response.status_code == 403


async def test_metrics_with_a_token_ask_for_it(db: Database) -> None:
    settings = replace(SETTINGS, metrics_token="scrape-me")
    async with client_for(db, settings) as c:
        assert (await c.get("/metrics")).status_code == 401
        wrong = await c.get("/metrics", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        right = await c.get("/metrics", headers={"Authorization": "Bearer scrape-me"})
        assert right.status_code == 200
        assert right.headers["content-type"].startswith("text/plain")


async def test_one_log_line_per_request_without_query_string_or_credentials(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    # given a caller's request id and a credential
    caplog.set_level(logging.INFO, logger="crm.request")
    headers = {"X-Request-ID": "req-123", "Authorization": "Bearer crm_not_a_real_token"}
    # when a GraphQL request with a query string is served
    response = await client.post(
        "/graphql?password=hunter2", json={"query": NAMED}, headers=headers
    )
    # then the id comes back and one line describes the request
    assert response.headers["x-request-id"] == "req-123"
    records = [r for r in caplog.records if r.name == "crm.request"]
    assert len(records) == 1
    line = json.loads(JsonFormatter().format(records[0]))
    assert line["message"] == "request"
    assert line["method"] == "POST"
    assert line["route"] == "/graphql"
    assert line["operation"] == "OpsCounted"
    assert line["status"] == 200
    assert line["request_id"] == "req-123"
    assert line["principal"] is None  # the token is unknown
    assert isinstance(line["duration_ms"], float)
    text = JsonFormatter().format(records[0]) + TextFormatter().format(records[0])
    assert "hunter2" not in text and "crm_not_a_real_token" not in text


async def test_an_unusable_request_id_is_replaced(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert response.headers["x-request-id"] != "bad id\twith spaces"
    assert len(response.headers["x-request-id"]) == 32


async def test_probes_are_logged_only_at_debug(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="crm.request")
    await client.get("/healthz")
    assert not [r for r in caplog.records if r.name == "crm.request"]


async def test_a_request_that_raises_before_replying_counts_and_logs_as_500(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    # given an app that fails before it sends anything, behind the front door
    async def broken(scope: Scope, receive: Receive, send: Send) -> None:
        raise RuntimeError("boom")

    door = FrontDoor(broken, db=db, public_url="http://test", redis_url=None,
                     metrics_token=None, ready_timeout=1.0)  # fmt: skip
    caplog.set_level(logging.INFO, logger="crm.request")
    before = sample("crm_http_requests_total", method="GET", route=UNMATCHED, status="500")
    # when a request reaches it
    transport = httpx.ASGITransport(app=door, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        await client.get("/broken")
    # then the metrics and the log line say 500, as the client is answered
    after = sample("crm_http_requests_total", method="GET", route=UNMATCHED, status="500")
    assert after == before + 1
    [record] = [r for r in caplog.records if r.name == "crm.request"]
    assert json.loads(JsonFormatter().format(record))["status"] == 500
