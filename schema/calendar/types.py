"""The CalendarEvent node."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers.calendar import CALENDAR_EVENTS, get_calendar_event
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(CALENDAR_EVENTS, get_calendar_event)
@strawberry.type(name="CalendarEvent")
class CalendarEventType(RowType, Node):
    title: str
    description: str
    start: datetime
    end: datetime | None
    public: bool = strawberry.field(description="Shown on every member's calendar.")
    color: str
    is_start_notified: bool
    reminder_before: int
    reminder_before_type: str = strawberry.field(description="minutes, hours, days or weeks.")
    created_at: datetime
    updated_at: datetime
    staff = relation_field("staff", description="Whose calendar the event is on.")
