"""Time logged on tasks; a timesheet without an end time is a running timer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to
from resolvers.core.errors import partly_stored
from resolvers.core.getters import getter
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.permissions import require
from resolvers.core.records import live, must_fetch
from resolvers.core.resources import Resource, register
from resolvers.core.validation import Fields
from resolvers.models import Timesheet, table_of
from resolvers.projects.common import Amount, UtcDateTime, days_of, lister, settle
from resolvers.timesheets.rules import (
    check_times,
    default_rate,
    live_task,
    refuse_second_timer,
    staff,
    tasks,
)

RESOURCE = "timesheets"
timesheets = table_of(Timesheet)


class TimesheetFields(Fields):
    task_id: int | None = None
    staff_id: int | None = None
    start_time: UtcDateTime | None = None
    # Left out (or null) while the timer runs.
    end_time: UtcDateTime | None = None
    hourly_rate: Amount | None = None
    note: str | None = Field(default=None, max_length=65_000)


class TimesheetCreate(TimesheetFields):
    task_id: int
    staff_id: int
    start_time: UtcDateTime


def _columns(data: TimesheetFields) -> dict[str, Any]:
    required = ("task_id", "staff_id", "start_time", "hourly_rate")
    return settle(data.model_dump(exclude_unset=True), required, ("note",))


async def timesheets_by_project_id(ctx: Ctx, project_ids: Sequence[int]) -> list[list[Row]]:
    """The live timesheets on each project's live tasks, in key order."""
    require(ctx.principal, RESOURCE, "get")
    grouped: dict[int, list[Row]] = {i: [] for i in project_ids}
    async with ctx.db.read() as conn:
        rows = await conn.execute(
            select(tasks.c.project_id.label("_project_id"), timesheets)
            .join(tasks, tasks.c.id == timesheets.c.task_id)
            .where(tasks.c.project_id.in_(set(project_ids)), live(tasks), live(timesheets))
            .order_by(timesheets.c.id)
        )
        for row in rows:
            values = dict(row._mapping)
            grouped[values.pop("_project_id")].append(values)
    return [grouped[i] for i in project_ids]


async def _timesheet_values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, TimesheetFields)
    values = _columns(fields)
    after = {**(before or {}), **values}
    task_id, staff_id = int(after["task_id"]), int(after["staff_id"])
    task = None
    if before is None or task_id != before["task_id"]:
        task = await live_task(conn, task_id, "task_id")
    if before is None or staff_id != before["staff_id"]:
        await must_fetch(conn, staff, staff_id, "staff member", "staff_id")
    check_times(
        after["start_time"],
        after.get("end_time"),
        stored=partly_stored(before, values, "start_time", "end_time"),
    )
    if after.get("end_time") is None:
        other = None if before is None else before["id"]
        await refuse_second_timer(conn, task_id, staff_id, other_than=other)
    if task is not None and before is None and "hourly_rate" not in values:
        values["hourly_rate"] = await default_rate(conn, task, staff_id)
    return values


async def _restorable(conn: AsyncConnection, before: Row) -> None:
    if before["end_time"] is None:
        await refuse_second_timer(conn, before["task_id"], before["staff_id"], before["id"])


TIMESHEETS = register(
    Resource(
        name=RESOURCE,
        model=Timesheet,
        label="Timesheet",
        search=("note",),
        verbs=soft_verbs(
            TimesheetCreate,
            TimesheetFields,
            "timesheet",
            values=_timesheet_values,
            before_restore=_restorable,
            parent=lambda row: ("task", row["task_id"]),
            created=lambda row: {"staff_id": row["staff_id"]},
        ),
    )
)
belongs_to(RESOURCE, "tasks", "task_id")
belongs_to(RESOURCE, "staff", "staff_id")
get_timesheet = getter(TIMESHEETS, __name__, "get_timesheet")
# By task, staff member, project, start date, and whether the timer still runs.
list_timesheets = lister(
    TIMESHEETS, __name__, "task_id", "staff_id", **days_of(timesheets.c.start_time),
    project_id=lambda _, project_id: timesheets.c.task_id.in_(
        select(tasks.c.id).where(tasks.c.project_id == project_id)
    ),
    running=lambda _, running: (
        timesheets.c.end_time.is_(None) if running else timesheets.c.end_time.isnot(None)
    ),
)  # fmt: skip
create_timesheet, update_timesheet, delete_timesheet, restore_timesheet = operations(TIMESHEETS)
