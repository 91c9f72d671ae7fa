"""Writing timesheets, and the timers that open and close them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from resolvers import timesheets
from schema.context import Info
from schema.errors import Payload, answer
from schema.ids import decode_id
from schema.optional import optional
from schema.projects.refs import staff_or_none
from schema.timesheets.types import TimesheetType
from schema.writes import mutations

REFERENCES = {"task_id": ("Task", "task_id"), "staff_id": ("Staff", "staff_id")}
TimesheetPayload = Payload[TimesheetType]


@strawberry.input
class TimesheetInput:
    task_id: strawberry.ID | None = optional("A Task id; required to create.")
    staff_id: strawberry.ID | None = optional("Who worked (a Staff id); required to create.")
    start_time: datetime | None = strawberry.UNSET
    end_time: datetime | None = optional("Left out or null: a running timer.")
    hourly_rate: Decimal | None = optional("The task's rate, else the staff member's, by default.")
    note: str | None = strawberry.UNSET


TimesheetMutation = mutations(
    timesheets.TIMESHEETS, TimesheetType, create_input=TimesheetInput,
    update_input=TimesheetInput, references=REFERENCES,
)  # fmt: skip


@strawberry.type
class TimerMutation:
    @strawberry.mutation(
        description="Start a timer now on the task for a Staff member (by default the caller)."
    )
    async def start_timer(
        self,
        info: Info,
        task_id: strawberry.ID,
        staff_id: strawberry.ID | None = None,
        note: str = "",
    ) -> TimesheetPayload:
        return await answer(
            info,
            lambda ctx: timesheets.start_timer(
                ctx, decode_id(task_id, "Task", "taskId"), staff_or_none(staff_id), note
            ),
            TimesheetType.from_row,
        )

    @strawberry.mutation(
        description="Stop the Staff member's (by default the caller's) running timer on the task."
    )
    async def stop_timer(
        self,
        info: Info,
        task_id: strawberry.ID,
        staff_id: strawberry.ID | None = None,
        note: str | None = None,
    ) -> TimesheetPayload:
        return await answer(
            info,
            lambda ctx: timesheets.stop_timer(
                ctx, decode_id(task_id, "Task", "taskId"), staff_or_none(staff_id), note
            ),
            TimesheetType.from_row,
        )
