"""Writing timesheets, and the timers that open and close them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

import strawberry

from resolvers import timesheets
from resolvers.core.context import Ctx, Row
from schema.calls import mutation
from schema.ids import decode_id
from schema.optional import optional
from schema.projects.refs import staff_or_none
from schema.timesheets.types import TimesheetType
from schema.writes import mutations

REFERENCES = {"task_id": "Task", "staff_id": "Staff"}


@strawberry.input
class TimesheetInput:
    task_id: strawberry.ID | None = optional("A Task id; required to create.")
    staff_id: strawberry.ID | None = optional("Who worked (a Staff id); required to create.")
    start_time: datetime | None = strawberry.UNSET
    end_time: datetime | None = optional("Left out or null: a running timer.")
    hourly_rate: Decimal | None = optional("The task's rate, else the staff member's, by default.")
    note: str | None = strawberry.UNSET


TimesheetMutation = mutations(
    timesheets.TIMESHEETS, TimesheetType, input=TimesheetInput, references=REFERENCES,
)  # fmt: skip


def _timer(
    verb: Callable[[Ctx, int, int | None, Any], Awaitable[Row]], note: Any, description: str
) -> Any:
    """Start or stop the timer of a Staff member (by default the caller) on the task."""
    return mutation(
        TimesheetType,
        {"task_id": strawberry.ID, "staff_id": (strawberry.ID | None, None), "note": note},
        lambda ctx, task_id, staff_id, note: verb(
            ctx, decode_id(task_id, "Task", "taskId"), staff_or_none(staff_id), note
        ),
        description,
    )


@strawberry.type
class TimerMutation:
    start_timer = _timer(
        timesheets.start_timer, (str, ""),
        "Start a timer now on the task for a Staff member (by default the caller).",
    )  # fmt: skip
    stop_timer = _timer(
        timesheets.stop_timer, (str | None, None),
        "Stop the Staff member's (by default the caller's) running timer on the task.",
    )  # fmt: skip
