"""Polling the event log for changed records (the automation endpoints' service)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from resolvers import customers, tasks
from resolvers.core import polling
from resolvers.core.context import Ctx
from resolvers.core.errors import Forbidden, Invalid
from resolvers.core.permissions import Principal
from resolvers.models import Event, table_of

LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


async def test_a_poll_gives_each_changed_record_once_in_its_current_state(ctx: Ctx) -> None:
    first = await customers.create_customer(ctx, {"company": "First"})
    second = await customers.create_customer(ctx, {"company": "Second"})
    await customers.update_customer(ctx, first["id"], {"company": "First, renamed"})

    polled = await polling.poll_changes(ctx, "customers", since=LONG_AGO)

    assert [r["company"] for r in polled.rows] == ["First, renamed", "Second"]
    assert {r["id"] for r in polled.rows} == {first["id"], second["id"]}
    assert polled.since == LONG_AGO


async def test_changes_before_since_and_deleted_records_are_left_out(ctx: Ctx) -> None:
    old = await tasks.create_task(ctx, {"name": "Old"})
    gone = await tasks.create_task(ctx, {"name": "Gone"})
    await tasks.delete_task(ctx, gone["id"])
    events = table_of(Event)
    async with ctx.db.write() as conn:
        await conn.execute(
            update(events)
            .where(events.c.record_id == old["id"], events.c.resource == "task")
            .values(created_at=datetime.now(UTC) - timedelta(days=3))
        )
    fresh = await tasks.create_task(ctx, {"name": "Fresh"})

    polled = await polling.poll_changes(ctx, "tasks")

    assert [r["id"] for r in polled.rows] == [fresh["id"]]


async def test_a_limited_poll_says_where_the_next_one_starts(ctx: Ctx) -> None:
    made = [await customers.create_customer(ctx, {"company": f"C{n}"}) for n in range(3)]

    first = await polling.poll_changes(ctx, "customers", since=LONG_AGO, limit=2)
    rest = await polling.poll_changes(ctx, "customers", since=first.next_poll, limit=2)

    assert [r["id"] for r in first.rows] == [made[1]["id"], made[0]["id"]]
    assert [r["id"] for r in rest.rows] == [made[2]["id"]]
    assert rest.next_poll <= datetime.now(UTC)


async def test_polls_check_the_resource_the_limit_and_the_permission(ctx: Ctx) -> None:
    reader = Ctx(db=ctx.db, principal=Principal(kind="token", id=9, name="leads only",
                                                grants=frozenset({"leads:get"})))  # fmt: skip

    with pytest.raises(Invalid) as unknown:
        await polling.poll_changes(ctx, "planets")
    with pytest.raises(Invalid) as too_many:
        await polling.poll_changes(ctx, "leads", limit=101)
    with pytest.raises(Forbidden):
        await polling.poll_changes(reader, "customers")

    assert "resource" in unknown.value.errors
    assert "limit" in too_many.value.errors
    assert (await polling.poll_changes(reader, "leads")).rows == []
    assert [p.key for p in await polling.list_pollable(reader)] == list(polling.POLLABLE)


async def test_a_sample_is_the_newest_record_or_none(ctx: Ctx) -> None:
    assert await polling.sample_record(ctx, "customers") is None
    await customers.create_customer(ctx, {"company": "Older"})
    await customers.create_customer(ctx, {"company": "Newest"})

    sample = await polling.sample_record(ctx, "customers")

    assert sample is not None and sample["company"] == "Newest"
