"""Calendar events of staff members."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field

from resolvers.models.base import Record, fk, moment
from resolvers.models.types import UTCDateTime


class CalendarEvent(Record, table=True):
    __tablename__ = "calendar_events"
    title: str = Field(max_length=191)
    description: str = ""
    staff_id: int = fk("staff.id", nullable=False)
    start: dt.datetime = Field(sa_type=UTCDateTime, index=True)
    end: dt.datetime | None = moment()
    public: bool = False
    color: str = Field(default="#03a9f4", max_length=10)
    is_start_notified: bool = False
    reminder_before: int = 30
    reminder_before_type: str = Field(default="minutes", max_length=10)
