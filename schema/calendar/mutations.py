"""Writing calendar events."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers import calendar
from resolvers.context import Row
from schema.calendar.types import CalendarEventType
from schema.context import Info
from schema.errors import Payload, mutate
from schema.lookups.references import naming, renamed, service_data

REFERENCES = {"staff_id": ("Staff", "staff_id")}


@strawberry.input
class CalendarEventInput:
    title: str | None = strawberry.field(
        default=strawberry.UNSET, description="Required on create."
    )
    description: str | None = strawberry.UNSET
    start: datetime | None = strawberry.field(
        default=strawberry.UNSET, description="Required on create; a time without a zone is UTC."
    )
    end: datetime | None = strawberry.UNSET
    staff_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="Whose calendar; the caller's own staff account when not given.",
    )
    public: bool | None = strawberry.UNSET
    color: str | None = strawberry.UNSET
    is_start_notified: bool | None = strawberry.UNSET
    reminder_before: int | None = strawberry.UNSET
    reminder_before_type: str | None = strawberry.field(
        default=strawberry.UNSET, description="minutes, hours, days or weeks."
    )


@strawberry.type
class CalendarMutation:
    @strawberry.mutation
    async def create_calendar_event(
        self, info: Info, input: CalendarEventInput
    ) -> Payload[CalendarEventType]:
        ctx = info.context.ctx

        async def write() -> Row:
            return await calendar.create_calendar_event(ctx, service_data(input, REFERENCES))

        return await mutate(lambda: naming(write, renamed(REFERENCES)), CalendarEventType.from_row)

    @strawberry.mutation
    async def update_calendar_event(
        self, info: Info, id: strawberry.ID, input: CalendarEventInput
    ) -> Payload[CalendarEventType]:
        ctx = info.context.ctx

        async def write() -> Row:
            data = service_data(input, REFERENCES)
            return await calendar.update_calendar_event(ctx, CalendarEventType.pk_from(id), data)

        return await mutate(lambda: naming(write, renamed(REFERENCES)), CalendarEventType.from_row)

    @strawberry.mutation
    async def delete_calendar_event(
        self, info: Info, id: strawberry.ID
    ) -> Payload[CalendarEventType]:
        ctx = info.context.ctx
        return await mutate(
            lambda: calendar.delete_calendar_event(ctx, CalendarEventType.pk_from(id)),
            CalendarEventType.from_row,
        )

    @strawberry.mutation
    async def restore_calendar_event(
        self, info: Info, id: strawberry.ID
    ) -> Payload[CalendarEventType]:
        ctx = info.context.ctx
        return await mutate(
            lambda: calendar.restore_calendar_event(ctx, CalendarEventType.pk_from(id)),
            CalendarEventType.from_row,
        )
