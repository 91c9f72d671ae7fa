"""Reading calendar events."""

from __future__ import annotations

import strawberry

from resolvers.calendar import CALENDAR_EVENTS, list_calendar_events
from resolvers.core.reading import Order
from schema.roots import roots


@strawberry.type
class CalendarQuery:
    calendar_event, calendar_events = roots(
        CALENDAR_EVENTS, list_calendar_events,
        description="Calendar events, soonest first unless ordered otherwise.",
        order=[Order("start")],
    )  # fmt: skip
