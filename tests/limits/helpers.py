"""Shared by the limits tests: an app over the test database, tokens, a statement count."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import httpx
from sqlalchemy import event

from gateway.app import create_app
from gateway.database import Database
from gateway.settings import Settings
from resolvers.tokens import issue_token

SECRET = "limits-test-secret-key-long-enough-for-hs256"


def settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {"secret_key": SECRET, "webhook_worker": False, **overrides}
    return Settings(**values)


@asynccontextmanager
async def client_for(
    db: Database, *, address: str = "127.0.0.1", **overrides: Any
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings(**overrides), db=db)
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://crm.test") as client:
        yield client


async def token(db: Database, rate_limit: int | None = None) -> dict[str, str]:
    async with db.write() as conn:
        issued = await issue_token(
            conn, name="limits", grants=["*"], rate_limit_per_hour=rate_limit
        )
    return {"Authorization": f"Bearer {issued.token}"}


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """Every SQL statement either engine runs inside the block."""
    seen: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    engines = {db.reader.sync_engine, db.writer.sync_engine}
    for engine in engines:
        event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", count)
