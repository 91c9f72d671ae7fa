"""The graph tests' client and admin token; a test module may define its own."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from gateway.database import Database
from tests.schema.graph import admin_token, graph_client


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    async with graph_client(db) as c:
        yield c


@pytest.fixture
async def token(db: Database) -> str:
    return await admin_token(db)
