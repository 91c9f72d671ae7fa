"""Calendar events of staff members, with a reminder before they start."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to
from resolvers.core.errors import Invalid, Missing, partly_stored, refusal
from resolvers.core.getters import getter
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.records import fetch
from resolvers.core.resources import Resource, register
from resolvers.core.validation import Fields
from resolvers.line_items.documents import added_by
from resolvers.models import CalendarEvent, Staff, table_of
from resolvers.projects.common import lister

RESOURCE = "calendar_events"
calendar_events = table_of(CalendarEvent)


class CalendarEventFields(Fields):
    title: str | None = Field(default=None, min_length=1, max_length=191)
    description: str | None = Field(default=None, max_length=65_000)
    # Times without a zone are taken as UTC, as Perfex's "2023-12-12 07:00:00".
    start: datetime | None = None
    end: datetime | None = None
    # Perfex's userid: whose calendar; the caller's own staff account when not given.
    staff_id: int | None = None
    public: bool | None = None
    color: str | None = Field(default=None, pattern=r"^#[0-9A-Fa-f]{3}([0-9A-Fa-f]{3})?$")
    is_start_notified: bool | None = None
    reminder_before: int | None = Field(default=None, ge=0, le=100_000)
    reminder_before_type: str | None = Field(default=None, pattern="^(minutes|hours|days|weeks)$")


class CalendarEventCreate(CalendarEventFields):
    title: str = Field(min_length=1, max_length=191)
    start: datetime


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _columns(data: CalendarEventFields, before: Row | None) -> dict[str, Any]:
    values = data.model_dump(exclude_unset=True)
    for key in ("start", "end"):
        if key in values:
            values[key] = _aware(values[key])
    for key, value in values.items():
        if value is None and key not in ("end", "description", "color"):
            raise Invalid.field(key, "may not be empty")
    for key, default in (("description", ""), ("color", "#03a9f4")):
        if key in values and values[key] is None:
            values[key] = default
    start = values.get("start", before["start"] if before else None)
    end = values.get("end", before["end"] if before else None)
    if start is not None and end is not None and end < start:
        stored = partly_stored(before, values, "start", "end")
        raise refusal("end", "must not be before the start", stored=stored)
    return values


async def _event_values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, CalendarEventFields)
    values = _columns(fields, before)
    if before is None:
        values.setdefault("staff_id", added_by(ctx))
        if values["staff_id"] is None:
            raise Invalid.field("staff_id", "Field required: whose calendar the event is on")
    staff_id = values.get("staff_id")
    if staff_id is not None and await fetch(conn, table_of(Staff), staff_id) is None:
        raise Missing.field("staff_id", f"unknown id(s): {staff_id}")
    return values


CALENDAR_EVENTS = register(
    Resource(
        name=RESOURCE,
        model=CalendarEvent,
        label="Calendar event",
        search=("title", "description"),
        permission="calendar",
        verbs=soft_verbs(
            CalendarEventCreate,
            CalendarEventFields,
            "calendar_event",
            values=_event_values,
            parent=lambda row: ("staff", row["staff_id"]),
            created=lambda row: {"title": row["title"], "start": row["start"]},
        ),
    )
)
belongs_to(RESOURCE, "staff", "staff_id")
GRANT = CALENDAR_EVENTS.grant
get_calendar_event = getter(CALENDAR_EVENTS, __name__, "get_calendar_event")
# By owner, visibility, and a window their start falls in.
list_calendar_events = lister(
    CALENDAR_EVENTS, __name__, "staff_id",
    public=lambda _, public: calendar_events.c.public.is_(public),
    starts_from=lambda _, moment: calendar_events.c.start >= _aware(moment),
    starts_before=lambda _, moment: calendar_events.c.start < _aware(moment),
)  # fmt: skip
create_calendar_event, update_calendar_event, delete_calendar_event, restore_calendar_event = (
    operations(CALENDAR_EVENTS)
)
