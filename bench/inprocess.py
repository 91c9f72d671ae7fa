"""N measured inside one Python process: the gateway through its ASGI app (no network),
against the raw-SQL floor built in the same process on the same data."""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import orjson

from bench import floor, shapes
from gateway.app import create_app
from gateway.settings import Settings


@dataclass(frozen=True)
class Timing:
    p50_ms: float
    p99_ms: float


@dataclass(frozen=True)
class InProcess:
    gateway: Timing
    floor: Timing
    statements: int
    objects: int
    same_answer: bool


async def _timed(run: Callable[[], Awaitable[Any]], rounds: int) -> Timing:
    for _ in range(3):
        await run()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        await run()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return Timing(
        statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    )


def count_objects(data: Any) -> int:
    if isinstance(data, dict):
        own = 1 if "id" in data else 0
        return own + sum(count_objects(v) for v in data.values())
    if isinstance(data, list):
        return sum(count_objects(v) for v in data)
    return 0


@asynccontextmanager
async def floor_answer(database_url: str) -> AsyncIterator[Callable[[], Awaitable[dict[str, Any]]]]:
    """A function answering N with raw SQL over one connection kept for the block."""
    if database_url.startswith("sqlite"):
        conn = sqlite3.connect(database_url.split(":///", 1)[1])

        async def from_sqlite() -> dict[str, Any]:
            return floor.nested_sqlite(conn)

        try:
            yield from_sqlite
        finally:
            conn.close()
        return
    pg = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))

    async def from_postgres() -> dict[str, Any]:
        return await floor.nested_postgres(pg)

    try:
        yield from_postgres
    finally:
        await pg.close()


async def measure_async(
    database_url: str, secret: str, token: str, query: str, rounds: int
) -> InProcess:
    headers = {"Authorization": f"Bearer {token}"}
    body = {"query": query}
    results: dict[str, Any] = {}
    for traced in (True, False):
        app = create_app(Settings(database_url=database_url, secret_key=secret, sql_trace=traced))
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://bench", headers=headers
            ) as client,
        ):

            async def ask() -> dict[str, Any]:
                reply = await client.post("/graphql", json=body)
                answer: dict[str, Any] = orjson.loads(reply.content)
                return answer

            if traced:
                results["traced"] = await ask()
            else:
                results["timing"] = await _timed(ask, rounds)
    async with floor_answer(database_url) as answer:

        async def floor_json() -> bytes:
            return orjson.dumps({"data": await answer()})

        floor_timing = await _timed(floor_json, rounds)
        expected = await answer()
    traced = results["traced"]
    return InProcess(
        gateway=results["timing"],
        floor=floor_timing,
        statements=int(traced.get("extensions", {}).get("sql", {}).get("statements", -1)),
        objects=count_objects(expected),
        same_answer=traced.get("data") == expected,
    )


def measure(database_url: str, secret: str, token: str, query: str, rounds: int = 30) -> InProcess:
    return asyncio.run(measure_async(database_url, secret, token, query, rounds))


async def statements_async(database_url: str, secret: str, token: str) -> dict[str, int]:
    """SQL statements each GraphQL shape runs (the gateway's own trace), one request each:
    a shape the compiled path answers runs one, one the resolvers answer runs one a level."""
    app = create_app(Settings(database_url=database_url, secret_key=secret, sql_trace=True))
    headers = {"Authorization": f"Bearer {token}"}
    counts: dict[str, int] = {}
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://bench", headers=headers,
            timeout=120,
        ) as client,
    ):  # fmt: skip

        async def ask(query: str, variables: dict[str, Any]) -> dict[str, Any]:
            reply = await client.post("/graphql", json={"query": query, "variables": variables})
            data: dict[str, Any] = orjson.loads(reply.content).get("data") or {}
            return data

        variables = await shapes.gateway_variables(ask)
        specs = shapes.requests(token, variables)
        # The write first, reads after it: on Python 3.11 the app's event tail can miss
        # its cancellation when the write's wake-up lands during shutdown, and the app
        # then never finishes stopping (gateway/event_stream.py `_tail`'s wait_for).
        for key in sorted(specs, key=lambda k: k != "M"):
            spec = specs[key]
            if spec["path"] != "/graphql":
                continue
            reply = await client.post("/graphql", json=spec["json"])
            traced = orjson.loads(reply.content).get("extensions", {}).get("sql", {})
            counts[key] = int(traced.get("statements", -1))
    return counts


def statements(database_url: str, secret: str, token: str) -> dict[str, int]:
    return asyncio.run(statements_async(database_url, secret, token))
