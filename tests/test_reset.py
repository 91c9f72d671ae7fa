"""The per-test reset: only a test that may hand the database to another process empties
every table; the others empty what they wrote."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from gateway.database import Database
from resolvers.core.context import Ctx
from tests.conftest import _asks_for_the_url
from tests.factories import make_customer
from tests.reset import DirtyTables


def test_a_test_on_db_alone_is_not_taken_for_one_given_the_url(
    db: Database, request: pytest.FixtureRequest
) -> None:
    # `db` needs `database`, which takes the URL: the closure names it for every test.
    assert "database_url" in request.fixturenames
    assert not _asks_for_the_url(request.node)


def test_a_test_given_the_url_empties_everything_after_it(
    db: Database, database_url: str, request: pytest.FixtureRequest
) -> None:
    assert _asks_for_the_url(request.node)


async def test_what_a_test_wrote_is_what_is_emptied(ctx: Ctx) -> None:
    tracker = DirtyTables.current()
    assert tracker is not None and not tracker.everything
    await make_customer(ctx)
    assert "customers" in tracker.tables and not tracker.everything
    await tracker.reset(ctx.db)
    assert tracker.tables == set() and not tracker.everything
    async with ctx.db.read() as conn:
        assert (await conn.execute(text("SELECT COUNT(*) FROM customers"))).scalar() == 0
