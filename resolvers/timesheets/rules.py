"""The rules every timesheet write shares: times in order, live tasks, default rates,
and at most one running timer per person and task."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Row
from resolvers.core.errors import Conflict, Missing, NotFound, refusal
from resolvers.core.records import live
from resolvers.models import Staff, Task, Timesheet, table_of

timesheets = table_of(Timesheet)
tasks = table_of(Task)
staff = table_of(Staff)


def check_times(start: dt.datetime, end: dt.datetime | None, *, stored: bool) -> None:
    """`end` after `start`; `stored`: one of them is the record's, not the body's."""
    if end is not None and end <= start:
        raise refusal("end_time", "must be after start_time", stored=stored)


async def live_task(conn: AsyncConnection, task_id: int, field: str | None) -> Row:
    """The live task, locked on PostgreSQL so two timers for it cannot start at once."""
    row = (
        await conn.execute(
            select(tasks).where(tasks.c.id == task_id, live(tasks)).with_for_update()
        )
    ).first()
    if row is None:
        if field is None:
            raise NotFound("Task", task_id)
        raise Missing.field(field, f"no task {task_id}")
    return row._mapping


async def default_rate(conn: AsyncConnection, task: Row, staff_id: int) -> Decimal:
    """The task's hourly rate when it has one, else the staff member's."""
    if task["hourly_rate"]:
        return Decimal(task["hourly_rate"])
    rate = await conn.scalar(select(staff.c.hourly_rate).where(staff.c.id == staff_id))
    return Decimal(rate or 0)


async def running_timer(
    conn: AsyncConnection, task_id: int, staff_id: int, other_than: int | None = None
) -> Row | None:
    query = select(timesheets).where(
        timesheets.c.task_id == task_id,
        timesheets.c.staff_id == staff_id,
        timesheets.c.end_time.is_(None),
        live(timesheets),
    )
    if other_than is not None:
        query = query.where(timesheets.c.id != other_than)
    row = (await conn.execute(query.order_by(timesheets.c.id))).first()
    return None if row is None else row._mapping


async def refuse_second_timer(
    conn: AsyncConnection, task_id: int, staff_id: int, other_than: int | None = None
) -> None:
    if await running_timer(conn, task_id, staff_id, other_than) is not None:
        raise Conflict(
            f"Staff {staff_id} already has a timer running on task {task_id}", field="end_time"
        )
