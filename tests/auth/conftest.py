"""The whole app (GraphQL and every REST dialect) over the test database, and the ways
each surface is called with a credential."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from gateway.app import create_app
from gateway.database import Database
from gateway.settings import Settings

SECRET = "auth-test-secret-key-long-enough-for-hs256-and-even-for-hs512-signing-too"
SETTINGS = Settings(secret_key=SECRET, graphiql=False)

PROBE = "{ customers(first: 1) { totalCount } }"

# surface: (a read path, the header carrying the credential); GraphQL takes Bearer.
REST = {
    "perfex": ("/api/customers", "authtoken"),
    "tech9": ("/api/customers?page=1", "Authtoken"),
    "v1": ("/api/v1/customers", "X-API-KEY"),
    "v2": ("/api/v2/customers", "X-API-KEY"),
    "ninja": ("/api/v1/clients", "X-API-TOKEN"),
}


async def client_for(settings: Settings, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, db=db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://crm.test") as c:
        yield c


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    async for c in client_for(SETTINGS, db):
        yield c


async def graphql(
    client: httpx.AsyncClient, query: str, credential: str | None = None, **variables: Any
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {credential}"} if credential else {}
    return await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
