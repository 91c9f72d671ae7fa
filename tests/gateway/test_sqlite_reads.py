"""SQLite reads run on the event loop's thread (gateway.database.LoopConnection): no
thread hop per statement, no wait for a pooled connection, and they see every commit."""

from __future__ import annotations

import asyncio
import threading

import pytest
from sqlalchemy import func, select

from gateway.database import Database
from resolvers.core.context import Ctx
from resolvers.models import Customer, table_of
from tests.factories import make_customer

pytestmark = pytest.mark.usefixtures("sqlite_only")


@pytest.fixture
def sqlite_only(db: Database) -> None:
    if db.dialect != "sqlite":
        pytest.skip("reads on the loop's thread are SQLite's")


async def test_a_read_runs_on_the_calling_thread(db: Database) -> None:
    async with db.read() as conn:
        raw = await conn.get_raw_connection()
        raw.driver_connection.create_function("thread_id", 0, threading.get_ident)
        ran_on = await conn.scalar(select(func.thread_id()))

    assert ran_on == threading.get_ident()


async def test_more_open_reads_than_the_pool_holds_never_wait(db: Database) -> None:
    release = asyncio.Event()
    opened = 0

    async def hold() -> int:
        nonlocal opened
        async with db.read() as conn:
            opened += 1
            await release.wait()
            return int(await conn.scalar(select(1)) or 0)

    holders = [asyncio.create_task(hold()) for _ in range(25)]
    await asyncio.sleep(0.1)
    all_open = opened
    release.set()

    assert all_open == 25
    assert await asyncio.wait_for(asyncio.gather(*holders), 5) == [1] * 25


async def test_a_read_sees_a_commit_made_while_it_held_its_connection(
    db: Database, ctx: Ctx
) -> None:
    customers = table_of(Customer)
    async with db.read() as conn:
        before = await conn.scalar(select(func.count()).select_from(customers))
        await make_customer(ctx)
        after = await conn.scalar(select(func.count()).select_from(customers))

    assert after == before + 1
