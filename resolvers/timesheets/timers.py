"""Timers: a timesheet opened now for a staff member on a task, and closed later."""

from __future__ import annotations

import datetime as dt
from typing import Any

from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid, NotFound
from resolvers.core.permissions import require
from resolvers.core.records import changes, insert_row, must_fetch, update_row
from resolvers.models.types import utcnow
from resolvers.timesheets.resource import RESOURCE
from resolvers.timesheets.rules import (
    default_rate,
    live_task,
    refuse_second_timer,
    running_timer,
    staff,
    timesheets,
)

# A timer stopped in the instant it started still ends after it began.
_TICK = dt.timedelta(microseconds=1)


def _timer_staff(ctx: Ctx, staff_id: int | None) -> int:
    if staff_id is not None:
        return staff_id
    if ctx.principal is None or ctx.principal.staff_id is None:
        raise Invalid.field("staff_id", "is required when the caller is not a staff member")
    return ctx.principal.staff_id


async def start_timer(ctx: Ctx, task_id: int, staff_id: int | None = None, note: str = "") -> Row:
    """Open a timesheet now for the staff member (the caller by default) on the task."""
    require(ctx.principal, RESOURCE, "create")
    person = _timer_staff(ctx, staff_id)
    async with ctx.db.write() as conn:
        task = await live_task(conn, task_id, None)
        await must_fetch(conn, staff, person, "staff member", "staff_id")
        await refuse_second_timer(conn, task_id, person)
        row = await insert_row(
            conn,
            timesheets,
            {
                "task_id": task_id,
                "staff_id": person,
                "start_time": utcnow(),
                "note": note,
                "hourly_rate": await default_rate(conn, task, person),
            },
        )
        await events.record(
            conn,
            ctx,
            "timesheet.started",
            row["id"],
            {"staff_id": person},
            parent=("task", task_id),
        )
    return row


async def stop_timer(
    ctx: Ctx, task_id: int, staff_id: int | None = None, note: str | None = None
) -> Row:
    """Close the staff member's running timer on the task at the current time."""
    require(ctx.principal, RESOURCE, "update")
    person = _timer_staff(ctx, staff_id)
    async with ctx.db.write() as conn:
        await live_task(conn, task_id, None)
        running = await running_timer(conn, task_id, person)
        if running is None:
            raise NotFound("Running timer", f"of staff {person} on task {task_id}")
        values: dict[str, Any] = {"end_time": max(utcnow(), running["start_time"] + _TICK)}
        if note is not None:
            values["note"] = note
        row = await update_row(conn, timesheets, running["id"], values)
        await events.record(
            conn,
            ctx,
            "timesheet.stopped",
            row["id"],
            changes(running, values),
            parent=("task", task_id),
        )
    return row
