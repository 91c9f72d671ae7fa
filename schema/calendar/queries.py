"""Reading calendar events."""

from __future__ import annotations

import strawberry

from resolvers.calendar import CALENDAR_EVENTS, list_calendar_events
from resolvers.core.reading import Order
from schema.fields import connection_field, record_field


@strawberry.type
class CalendarQuery:
    calendar_event = record_field(CALENDAR_EVENTS)
    calendar_events = connection_field(
        CALENDAR_EVENTS, list_calendar_events,
        description="Calendar events, soonest first unless ordered otherwise.",
        order=[Order("start")],
    )  # fmt: skip
