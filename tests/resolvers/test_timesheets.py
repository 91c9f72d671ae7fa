"""Timesheets and timers: references, times, rates, and one running timer per person."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from gateway.database import Database
from resolvers import projects, tasks, timesheets
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Forbidden, Invalid, NotFound
from resolvers.core.pagination import PageArgs
from resolvers.core.permissions import Principal
from resolvers.core.records import insert_row
from resolvers.core.resources import RELATIONS
from resolvers.models import Customer, Staff, table_of

NINE = dt.datetime(2026, 2, 10, 9, 0, tzinfo=dt.UTC)


async def make_staff(db: Database, n: int = 1, rate: str = "0") -> Row:
    async with db.write() as conn:
        return await insert_row(
            conn,
            table_of(Staff),
            {
                "email": f"staff{n}@example.com",
                "firstname": f"Staff{n}",
                "hourly_rate": Decimal(rate),
            },
        )


async def make_task(ctx: Ctx, **fields: Any) -> Row:
    return await tasks.create_task(ctx, {"name": "Data migration", **fields})


async def log(ctx: Ctx, task: Row, staff: Row, **fields: Any) -> Row:
    return await timesheets.create_timesheet(
        ctx, {"task_id": task["id"], "staff_id": staff["id"], "start_time": NINE, **fields}
    )


def as_staff(db: Database, staff: Row, *grants: str) -> Ctx:
    principal = Principal(
        kind="staff",
        id=staff["id"],
        name="s",
        grants=frozenset(grants or {"*"}),
        staff_id=staff["id"],
    )
    return Ctx(db=db, principal=principal)


async def test_a_timesheet_logs_time_on_a_task(ctx: Ctx, db: Database) -> None:
    task, staff = await make_task(ctx, hourly_rate="80"), await make_staff(db, rate="50")

    row = await log(ctx, task, staff, end_time="2026-02-10 12:30:00", note="Schema")

    assert row["end_time"] == dt.datetime(2026, 2, 10, 12, 30, tzinfo=dt.UTC)
    assert row["hourly_rate"] == Decimal("80.00")
    assert row["note"] == "Schema"


async def test_the_rate_comes_from_the_staff_member_when_the_task_has_none(
    ctx: Ctx, db: Database
) -> None:
    task, staff = await make_task(ctx), await make_staff(db, rate="50")

    row = await log(ctx, task, staff, end_time=NINE + dt.timedelta(hours=1))
    told = await log(ctx, task, staff, end_time=NINE + dt.timedelta(hours=1), hourly_rate="65.5")

    assert (row["hourly_rate"], told["hourly_rate"]) == (Decimal("50.00"), Decimal("65.50"))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"task_id": 999_999}, "task_id"),
        ({"staff_id": 999_999}, "staff_id"),
        ({"start_time": None}, "start_time"),
        ({"end_time": "2026-02-10 08:00:00"}, "end_time"),
        ({"end_time": "2026-02-10 09:00:00"}, "end_time"),
        ({"hourly_rate": "-1"}, "hourly_rate"),
    ],
)
async def test_bad_timesheets_are_invalid_naming_the_field(
    ctx: Ctx, db: Database, fields: dict[str, Any], field: str
) -> None:
    task, staff = await make_task(ctx), await make_staff(db)

    with pytest.raises(Invalid) as caught:
        await log(ctx, task, staff, **fields)

    assert set(caught.value.errors) == {field}


async def test_one_open_timer_per_person_and_task(ctx: Ctx, db: Database) -> None:
    task, other_task = await make_task(ctx), await make_task(ctx)
    sara, omar = await make_staff(db, 1), await make_staff(db, 2)

    running = await log(ctx, task, sara)
    await log(ctx, task, sara, end_time=NINE + dt.timedelta(hours=2))
    await log(ctx, task, omar)
    await log(ctx, other_task, sara)

    assert running["end_time"] is None
    with pytest.raises(Conflict):
        await log(ctx, task, sara, start_time=NINE + dt.timedelta(hours=3))
    closed = await log(ctx, task, sara, end_time=NINE + dt.timedelta(hours=1))
    with pytest.raises(Conflict):
        await timesheets.update_timesheet(ctx, closed["id"], {"end_time": None})


async def test_a_timer_starts_and_stops(ctx: Ctx, db: Database) -> None:
    task, staff = await make_task(ctx), await make_staff(db, rate="40")
    me = as_staff(db, staff)

    started = await timesheets.start_timer(me, task["id"])
    with pytest.raises(Conflict):
        await timesheets.start_timer(me, task["id"])
    stopped = await timesheets.stop_timer(me, task["id"], note="Done")
    again = await timesheets.start_timer(me, task["id"])

    assert started["end_time"] is None and started["staff_id"] == staff["id"]
    assert started["hourly_rate"] == Decimal("40.00")
    assert stopped["id"] == started["id"] and stopped["end_time"] > stopped["start_time"]
    assert stopped["note"] == "Done"
    assert again["id"] != started["id"]


async def test_stopping_needs_a_running_timer_and_a_person(ctx: Ctx, db: Database) -> None:
    task, staff = await make_task(ctx), await make_staff(db)

    with pytest.raises(NotFound):
        await timesheets.stop_timer(ctx, task["id"], staff["id"])
    with pytest.raises(Invalid) as nobody:
        await timesheets.start_timer(ctx, task["id"])
    with pytest.raises(NotFound):
        await timesheets.start_timer(ctx, 999_999, staff["id"])
    with pytest.raises(Invalid) as unknown:
        await timesheets.start_timer(ctx, task["id"], 999_999)

    assert set(nobody.value.errors) == set(unknown.value.errors) == {"staff_id"}


async def test_timesheets_list_by_task_staff_project_and_dates(ctx: Ctx, db: Database) -> None:
    customer = await _customer(db)
    project = await projects.create_project(
        ctx, {"name": "P", "customer_id": customer, "start_date": "2026-01-01"}
    )
    task, other = await make_task(ctx, project_id=project["id"]), await make_task(ctx)
    sara, omar = await make_staff(db, 1), await make_staff(db, 2)
    hour = dt.timedelta(hours=1)
    monday = await log(ctx, task, sara, end_time=NINE + hour)
    tuesday = await log(ctx, task, omar, start_time=NINE + 24 * hour, end_time=NINE + 25 * hour)
    elsewhere = await log(ctx, other, sara, start_time=NINE + 48 * hour)

    def ids(page: Any) -> list[int]:
        return [r["id"] for r in page.rows]

    assert ids(await timesheets.list_timesheets(ctx, PageArgs(), task_id=task["id"])) == [
        monday["id"],
        tuesday["id"],
    ]
    assert ids(await timesheets.list_timesheets(ctx, PageArgs(), staff_id=sara["id"])) == [
        monday["id"],
        elsewhere["id"],
    ]
    assert ids(
        await timesheets.list_timesheets(
            ctx, PageArgs(), date_from=dt.date(2026, 2, 11), date_to=dt.date(2026, 2, 11)
        )
    ) == [tuesday["id"]]
    assert ids(await timesheets.list_timesheets(ctx, PageArgs(), running=True)) == [elsewhere["id"]]
    [on_project] = await timesheets.timesheets_by_project_id(ctx, [project["id"]])
    assert [r["id"] for r in on_project] == [monday["id"], tuesday["id"]]


async def _customer(db: Database) -> int:
    async with db.write() as conn:
        return int((await insert_row(conn, table_of(Customer), {"company": "C"}))["id"])


async def test_timesheets_need_their_grants(ctx: Ctx, db: Database) -> None:
    task, staff = await make_task(ctx), await make_staff(db)
    reader = as_staff(db, staff, "timesheets:get", "tasks:get")

    with pytest.raises(Forbidden):
        await log(reader, task, staff)
    with pytest.raises(Forbidden):
        await timesheets.start_timer(reader, task["id"])
    assert (await timesheets.list_timesheets(reader, PageArgs())).total == 0


async def test_a_timesheet_is_soft_deleted_and_restored(ctx: Ctx, db: Database) -> None:
    task, staff = await make_task(ctx), await make_staff(db)
    running = await log(ctx, task, staff)

    await timesheets.delete_timesheet(ctx, running["id"])
    replacement = await log(ctx, task, staff)

    assert await timesheets.get_timesheet(ctx, running["id"]) is None
    with pytest.raises(Conflict):
        await timesheets.restore_timesheet(ctx, running["id"])
    await timesheets.update_timesheet(ctx, replacement["id"], {"end_time": NINE + dt.timedelta(1)})
    restored = await timesheets.restore_timesheet(ctx, running["id"])
    assert restored["deleted_at"] is None


def test_the_graph_joins_timesheets_both_ways() -> None:
    assert RELATIONS["tasks"]["timesheets"].column == "task_id"
    assert RELATIONS["timesheets"]["task"].kind == "one"
    assert RELATIONS["staff"]["timesheets"].column == "staff_id"
    assert RELATIONS["timesheets"]["staff"].target == "staff"
