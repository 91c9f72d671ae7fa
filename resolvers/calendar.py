"""Calendar events of staff members, with a reminder before they start."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement

from resolvers import events, lookups, reading
from resolvers.context import Ctx, Row
from resolvers.errors import Invalid, NotFound
from resolvers.models import CalendarEvent, Staff
from resolvers.pagination import Page, PageArgs
from resolvers.permissions import require
from resolvers.records import changes, fetch, insert_row, must_fetch, set_deleted, update_row
from resolvers.resources import Relation, Resource, register, relate
from resolvers.validation import parse

RESOURCE = "calendar_events"
CALENDAR_EVENTS = register(
    Resource(
        name=RESOURCE,
        model=CalendarEvent,
        label="Calendar event",
        search=("title", "description"),
        permission="calendar",
    )
)
relate(RESOURCE, "staff", Relation("staff", "one", "staff_id"))
relate("staff", "calendar_events", Relation(RESOURCE, "many", "staff_id"))
calendar_events = CALENDAR_EVENTS.table
GRANT = CALENDAR_EVENTS.grant
REMINDER_TYPES = ("minutes", "hours", "days", "weeks")


class CalendarEventFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

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


async def _columns(ctx: Ctx, data: CalendarEventFields, before: Row | None) -> dict[str, Any]:
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
        raise Invalid.field("end", "must not be before the start")
    if values.get("staff_id") is not None:
        await lookups.require_ids(ctx, Staff, [values["staff_id"]], "staff_id")
    return values


async def get_calendar_event(ctx: Ctx, event_id: int) -> Row | None:
    return await reading.get_record(ctx, CALENDAR_EVENTS, event_id)


async def list_calendar_events(
    ctx: Ctx,
    page: PageArgs,
    *,
    staff_id: int | None = None,
    public: bool | None = None,
    starts_from: datetime | None = None,
    starts_before: datetime | None = None,
    **query: Any,
) -> Page:
    """Events by owner, visibility, and a window their start falls in."""
    scope: list[ColumnElement[bool]] = []
    if staff_id is not None:
        scope.append(calendar_events.c.staff_id == staff_id)
    if public is not None:
        scope.append(calendar_events.c.public.is_(public))
    if starts_from is not None:
        scope.append(calendar_events.c.start >= _aware(starts_from))
    if starts_before is not None:
        scope.append(calendar_events.c.start < _aware(starts_before))
    return await reading.list_records(ctx, CALENDAR_EVENTS, page, scope=scope, **query)


async def create_calendar_event(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    principal = require(ctx.principal, GRANT, "create")
    fields = parse(CalendarEventCreate, data)
    values = await _columns(ctx, fields, None)
    values.setdefault("staff_id", principal.staff_id)
    if values["staff_id"] is None:
        raise Invalid.field("staff_id", "Field required: whose calendar the event is on")
    async with ctx.db.write() as conn:
        row = await insert_row(conn, calendar_events, values)
        await events.record(conn, ctx, "calendar_event.created", row["id"],
                            {"title": row["title"], "start": row["start"]},
                            parent=("staff", row["staff_id"]))  # fmt: skip
    return row


async def update_calendar_event(ctx: Ctx, event_id: int, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, GRANT, "update")
    fields = parse(CalendarEventFields, data)
    async with ctx.db.read() as conn:
        current = await must_fetch(conn, calendar_events, event_id, "Calendar event")
    values = await _columns(ctx, fields, current)
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, calendar_events, event_id, "Calendar event")
        row = await update_row(conn, calendar_events, event_id, values) if values else before
        await events.record(conn, ctx, "calendar_event.updated", event_id,
                            changes(before, values), parent=("staff", row["staff_id"]))  # fmt: skip
    return row


async def delete_calendar_event(ctx: Ctx, event_id: int) -> Row:
    require(ctx.principal, GRANT, "delete")
    async with ctx.db.write() as conn:
        await must_fetch(conn, calendar_events, event_id, "Calendar event")
        row = await set_deleted(conn, calendar_events, event_id, deleted=True)
        await events.record(conn, ctx, "calendar_event.deleted", event_id,
                            parent=("staff", row["staff_id"]))  # fmt: skip
    return row


async def restore_calendar_event(ctx: Ctx, event_id: int) -> Row:
    require(ctx.principal, GRANT, "update")
    async with ctx.db.write() as conn:
        if await fetch(conn, calendar_events, event_id, deleted=True) is None:
            raise NotFound("Calendar event", event_id)
        row = await set_deleted(conn, calendar_events, event_id, deleted=False)
        await events.record(conn, ctx, "calendar_event.restored", event_id,
                            parent=("staff", row["staff_id"]))  # fmt: skip
    return row
