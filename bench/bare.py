"""The bare floor over HTTP: a Starlette app answering S, N and L with raw SQL and orjson.

Run by the harness as `uvicorn bench.bare:app`, on the same database as the gateway, so
the gateway's req/s can be read as a share of what the same server stack does with no
gateway in between.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bench import floor

URL = os.environ.get("BENCH_DATABASE_URL", "")
state: dict[str, Any] = {}


def _json(data: Any) -> Response:
    return Response(orjson.dumps({"data": data}), media_type="application/json")


async def customer(request: Request) -> Response:
    customer_id = int(request.path_params["id"])
    if "sqlite" in state:
        return _json(floor.single_sqlite(state["sqlite"], customer_id))
    async with state["pool"].acquire() as conn:
        return _json(await floor.single_postgres(conn, customer_id))


async def healthz(request: Request) -> Response:
    return Response(b'{"status":"ok"}', media_type="application/json")


async def nested(request: Request) -> Response:
    if "sqlite" in state:
        return _json(floor.nested_sqlite(state["sqlite"]))
    async with state["pool"].acquire() as conn:
        return _json(await floor.nested_postgres(conn))


async def customer_list(request: Request) -> Response:
    """L's floor: the perfex list of every customer, the same JSON as /api/customers."""
    if "sqlite" in state:
        rows = floor.customer_list_sqlite(state["sqlite"])
    else:
        async with state["pool"].acquire() as conn:
            rows = await floor.customer_list_postgres(conn)
    return Response(orjson.dumps(rows), media_type="application/json")


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    if URL.startswith("sqlite"):
        # Straight sqlite3 on the event loop thread: the cheapest read Python can do.
        path = URL.split(":///", 1)[1]
        state["sqlite"] = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        yield
        state.pop("sqlite").close()
    else:
        dsn = URL.replace("postgresql+asyncpg://", "postgresql://")
        state["pool"] = await asyncpg.create_pool(dsn, min_size=4, max_size=10)
        yield
        await state.pop("pool").close()


app = Starlette(
    routes=[
        Route("/healthz", healthz),
        Route("/customers/{id:int}", customer),
        Route("/nested", nested, methods=["GET", "POST"]),
        Route("/customers", customer_list),
    ],
    lifespan=lifespan,
)
