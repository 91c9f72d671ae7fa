"""A resolved credential is reused for CRM_AUTH_CACHE_SECONDS: one lookup, not one per
request; a change made through this process acts at once, one made elsewhere within
the ttl; a credential's own expiry always wins."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import update

from gateway.app import jwt_keys
from gateway.database import Database, SqlTrace, sql_trace
from resolvers.core.context import Ctx
from resolvers.core.permissions import Principal
from resolvers.models import Staff, table_of
from resolvers.staff import deactivate_staff
from resolvers.tokens import issue_token
from tests.auth.conftest import SETTINGS, client_for
from tests.factories import make_staff, make_token

PATH = "/api/v1/customers"


async def statements(client: httpx.AsyncClient, credential: str) -> tuple[int, int]:
    """The SQL statements one request cost, and its status."""
    trace = SqlTrace()
    mark = sql_trace.set(trace)
    try:
        reply = await client.get(PATH, headers={"Authorization": f"Bearer {credential}"})
    finally:
        sql_trace.reset(mark)
    return trace.statements, reply.status_code


@pytest.fixture
async def cached(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    async for c in client_for(replace(SETTINGS, auth_cache_seconds=60), db):
        yield c


async def test_a_token_is_looked_up_once_then_reused(
    cached: httpx.AsyncClient, db: Database
) -> None:
    token = (await make_token(db)).token

    first, first_status = await statements(cached, token)
    second, second_status = await statements(cached, token)

    assert first_status == second_status == 200
    assert second == first - 1


async def test_with_a_ttl_of_zero_every_request_looks_up(db: Database) -> None:
    token = (await make_token(db)).token
    async for client in client_for(replace(SETTINGS, auth_cache_seconds=0), db):
        first, _ = await statements(client, token)
        second, _ = await statements(client, token)

        assert second == first


async def test_a_refusal_is_not_kept(cached: httpx.AsyncClient, db: Database) -> None:
    member = await make_staff(db, is_admin=True, active=False)
    token = jwt_keys(SETTINGS).issue(member["id"])
    assert (await statements(cached, token))[1] == 401

    async with db.write() as conn:
        staff = table_of(Staff)
        await conn.execute(update(staff).where(staff.c.id == member["id"]).values(active=True))

    assert (await statements(cached, token))[1] == 200


async def test_deactivating_through_the_gateway_refuses_a_cached_jwt_at_once(
    cached: httpx.AsyncClient, db: Database
) -> None:
    member = await make_staff(db, is_admin=True)
    token = jwt_keys(SETTINGS).issue(member["id"])
    assert (await statements(cached, token))[1] == 200
    admin = await make_staff(db, email="admin@example.com", is_admin=True)
    by_admin = Principal("staff", admin["id"], "admin", frozenset({"*"}), admin["id"])

    await deactivate_staff(Ctx(db=db, principal=by_admin), member["id"])

    assert (await statements(cached, token))[1] == 401


async def test_a_change_made_by_another_process_acts_within_the_ttl(
    db: Database, database_url: str
) -> None:
    member = await make_staff(db, is_admin=True)
    token = jwt_keys(SETTINGS).issue(member["id"])
    elsewhere = Database(database_url)  # its own engine: the gateway hears nothing of it
    try:
        async for client in client_for(replace(SETTINGS, auth_cache_seconds=0.5), db):
            assert (await statements(client, token))[1] == 200
            async with elsewhere.write() as conn:
                staff = table_of(Staff)
                await conn.execute(
                    update(staff).where(staff.c.id == member["id"]).values(active=False)
                )
            await asyncio.sleep(0.6)

            assert (await statements(client, token))[1] == 401
    finally:
        await elsewhere.dispose()


async def test_a_token_is_never_kept_past_its_own_expiry(
    cached: httpx.AsyncClient, db: Database
) -> None:
    async with db.write() as conn:
        issued = await issue_token(
            conn, name="brief", grants=["*"], expires_at=datetime.now(UTC) + timedelta(seconds=1)
        )
    assert (await statements(cached, issued.token))[1] == 200

    await asyncio.sleep(1.1)

    assert (await statements(cached, issued.token))[1] == 401
