"""The change feed over GraphQL: the event log in order, as global ids, filtered by
type and by what the caller may read, paged by cursor; and a gap in the log's ids is
waited for while the write that owns it may still commit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, text

from gateway.database import Database
from resolvers import changes, customers, leads
from resolvers.core.context import Ctx
from resolvers.models import Event, table_of
from tests.factories import make_customer, make_token
from tests.schema.graph import data, error_code, global_id, gql, graph_client

FEED = """
query($after: String, $types: [String!], $first: Int! = 50) {
  changes(after: $after, types: $types, first: $first) {
    nodes { type resource recordId fields actor { kind id } parentId
            record { __typename ... on Customer { company } ... on Lead { name } } }
    cursor hasMore nextSince
  }
}
"""


@pytest.fixture
async def client(db: Database) -> AsyncIterator[httpx.AsyncClient]:
    async with graph_client(db) as c:
        yield c


async def feed(client: httpx.AsyncClient, token: str, **variables: Any) -> dict[str, Any]:
    found: dict[str, Any] = data(await gql(client, token, FEED, **variables))["changes"]
    return found


async def history(ctx: Ctx) -> tuple[int, int]:
    customer = await make_customer(ctx)
    await customers.update_customer(ctx, customer["id"], {"phone": "+49 30 1234"})
    lead = await leads.create_lead(ctx, {"name": "Jonas Weiss"})
    return customer["id"], lead["id"]


async def test_changes_come_oldest_first_with_global_ids(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    customer_id, lead_id = await history(ctx)
    token = (await make_token(db)).token

    got = await feed(client, token)

    assert [(n["type"], n["recordId"]) for n in got["nodes"]] == [
        ("customer.created", global_id("Customer", customer_id)),
        ("customer.updated", global_id("Customer", customer_id)),
        ("lead.created", global_id("Lead", lead_id)),
    ]
    updated = got["nodes"][1]
    assert updated["fields"] == ["phone"]
    assert updated["record"] == {"__typename": "Customer", "company": "Zahara Foods LLC"}
    # the fixture's caller is an API token: its id is a global id too
    assert updated["actor"] == {"kind": "token", "id": global_id("ApiToken", 0)}
    assert got["hasMore"] is False
    assert not any(isinstance(n["recordId"], int) for n in got["nodes"])


async def test_types_take_event_types_or_kinds_of_record(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    await history(ctx)
    token = (await make_token(db)).token

    kinds = await feed(client, token, types=["lead"])
    exact = await feed(client, token, types=["customer.updated", "lead.created"])
    plural = await feed(client, token, types=["customers"])
    wrong = await gql(client, token, FEED, types=["no_such_thing"])

    assert [n["type"] for n in kinds["nodes"]] == ["lead.created"]
    assert [n["type"] for n in exact["nodes"]] == ["customer.updated", "lead.created"]
    assert [n["type"] for n in plural["nodes"]] == ["customer.created", "customer.updated"]
    assert error_code(wrong) == "INVALID"


async def test_a_caller_sees_only_changes_to_what_it_may_read(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    await history(ctx)
    lead_reader = (await make_token(db, "leads:get", name="leads")).token
    nothing = (await make_token(db, "invoices:get", name="invoices")).token

    seen = await feed(client, lead_reader)
    none = await feed(client, nothing)
    anonymous = (await client.post("/graphql", json={"query": FEED})).json()

    assert [n["type"] for n in seen["nodes"]] == ["lead.created"]
    assert none["nodes"] == []
    assert error_code(anonymous) == "UNAUTHENTICATED"


async def test_pages_follow_the_cursor_and_an_empty_poll_keeps_its_place(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    await history(ctx)
    token = (await make_token(db)).token

    first = await feed(client, token, first=2)
    second = await feed(client, token, after=first["cursor"], first=2)
    idle = await feed(client, token, after=second["cursor"])
    later = await leads.create_lead(ctx, {"name": "Later"})
    after_write = await feed(client, token, after=idle["cursor"])
    bad = await gql(client, token, FEED, after="nonsense")

    assert [n["type"] for n in first["nodes"]] == ["customer.created", "customer.updated"]
    assert first["hasMore"] is True
    assert [n["type"] for n in second["nodes"]] == ["lead.created"]
    assert second["hasMore"] is False
    assert idle["nodes"] == [] and idle["cursor"] == second["cursor"]
    assert [n["recordId"] for n in after_write["nodes"]] == [global_id("Lead", later["id"])]
    assert error_code(bad) == "INVALID"


async def test_a_filtered_poll_moves_past_the_changes_it_may_not_see(
    client: httpx.AsyncClient, ctx: Ctx, db: Database
) -> None:
    await history(ctx)
    token = (await make_token(db, "leads:get", name="leads")).token
    start = await feed(client, token)

    await make_customer(ctx, company="Unseen GmbH")
    lead = await leads.create_lead(ctx, {"name": "Seen"})
    await make_customer(ctx, company="Unseen AG")
    got = await feed(client, token, after=start["cursor"])
    idle = await feed(client, token, after=got["cursor"])

    assert [n["recordId"] for n in got["nodes"]] == [global_id("Lead", lead["id"])]
    assert idle["nodes"] == [] and idle["cursor"] == got["cursor"]


async def event(db: Database, id_: int, age: timedelta) -> None:
    moment = datetime.now(UTC) - age
    async with db.write() as conn:
        await conn.execute(
            insert(table_of(Event)).values(
                id=id_, type="lead.updated", resource="lead", record_id=1,
                created_at=moment, updated_at=moment,
            )
        )  # fmt: skip
        if db.dialect == "postgresql":
            # Explicit ids leave the sequence behind: later writes must not reuse them.
            await conn.execute(
                text("SELECT setval(pg_get_serial_sequence('events', 'id'), max(id)) FROM events")
            )


async def test_a_fresh_gap_in_the_log_is_waited_for_and_an_old_one_is_not(
    ctx: Ctx, db: Database
) -> None:
    # given positions 1 and 3 written, 2 still in an open transaction (or rolled back)
    await event(db, 1, timedelta(minutes=1))
    await event(db, 3, timedelta(seconds=0))

    waiting = await changes.list_changes(ctx, after=0)
    await event(db, 2, timedelta(seconds=0))
    filled = await changes.list_changes(ctx, after=waiting.cursor)

    assert [c.id for c in waiting.changes] == [1]
    assert waiting.has_more is True and waiting.cursor == 1
    assert [c.id for c in filled.changes] == [2, 3]


async def test_an_old_gap_is_a_rolled_back_write_and_is_passed(ctx: Ctx, db: Database) -> None:
    await event(db, 1, timedelta(minutes=2))
    await event(db, 3, changes.SETTLING + timedelta(seconds=1))

    got = await changes.list_changes(ctx, after=0)

    assert [c.id for c in got.changes] == [1, 3]
    assert got.has_more is False and got.cursor == 3
