"""Writing calendar events."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers import calendar
from schema.calendar.types import CalendarEventType
from schema.optional import optional
from schema.writes import mutations

REFERENCES = {"staff_id": "Staff"}


@strawberry.input
class CalendarEventInput:
    title: str | None = optional("Required on create.")
    description: str | None = strawberry.UNSET
    start: datetime | None = optional("Required on create; a time without a zone is UTC.")
    end: datetime | None = strawberry.UNSET
    staff_id: strawberry.ID | None = optional(
        "Whose calendar; the caller's own staff account when not given."
    )
    public: bool | None = strawberry.UNSET
    color: str | None = strawberry.UNSET
    is_start_notified: bool | None = strawberry.UNSET
    reminder_before: int | None = strawberry.UNSET
    reminder_before_type: str | None = optional("minutes, hours, days or weeks.")


CalendarMutation = mutations(
    calendar.CALENDAR_EVENTS, CalendarEventType, input=CalendarEventInput, references=REFERENCES,
)  # fmt: skip
