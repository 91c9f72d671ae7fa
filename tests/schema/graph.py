"""What the graph tests share: a client of the whole app over the test database, an
admin token, and the reply helpers (the data, the statement count, an error's code)."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from gateway.app import create_app
from gateway.database import Database
from gateway.settings import Settings
from tests.factories import make_token

SETTINGS = Settings(secret_key="test-secret-key-that-is-long-enough-for-hs256", sql_trace=True)


@asynccontextmanager
async def graph_client(
    db: Database, settings: Settings = SETTINGS
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the whole app over `db`, every reply saying its SQL statements."""
    app = create_app(settings, db=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as c:
        yield c


async def admin_token(db: Database) -> str:
    return (await make_token(db)).token


async def gql(
    client: httpx.AsyncClient, token: str, query: str, **variables: Any
) -> dict[str, Any]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def data(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    found: dict[str, Any] = body["data"]
    return found


def statements(body: dict[str, Any]) -> int:
    data(body)
    count: int = body["extensions"]["sql"]["statements"]
    return count


def global_id(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def error_code(body: dict[str, Any]) -> str:
    code: str = body["errors"][0]["extensions"]["code"]
    return code
