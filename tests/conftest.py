"""A real database under every test: a SQLite file by default, PostgreSQL when
CRM_TEST_DATABASE_URL names one (`.ci/run` starts one and runs the suite again)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from gateway.database import Database
from gateway.migrate import migrate
from resolvers.context import Ctx
from resolvers.models import metadata
from resolvers.permissions import ALL, Principal
from resolvers.reference_data import ensure_reference_data


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("CRM_TEST_DATABASE_URL")
    if url:
        return url
    path: Path = tmp_path_factory.mktemp("db") / "crm-test.db"
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture(scope="session")
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url)
    await migrate(db)
    yield db
    await db.dispose()


async def reset(db: Database) -> None:
    tables = [t.name for t in reversed(metadata.sorted_tables)]
    async with db.write() as conn:
        if db.dialect == "postgresql":
            await conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                await conn.execute(text(f"DELETE FROM {name}"))
        await ensure_reference_data(conn)


@pytest.fixture
async def db(database: Database) -> Database:
    """The migrated database, emptied down to its reference lists."""
    await reset(database)
    return database


ADMIN = Principal(kind="token", id=0, name="test-admin", grants=frozenset({ALL}))


@pytest.fixture
def ctx(db: Database) -> Ctx:
    """A request context for an all-permissions caller."""
    return Ctx(db=db, principal=ADMIN)
