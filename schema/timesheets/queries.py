"""Reading timesheets."""

from __future__ import annotations

import strawberry

from resolvers.timesheets import TIMESHEETS, list_timesheets
from schema.fields import connection_field, record_field
from schema.timesheets.types import TimesheetType

__all__ = ["TimesheetQuery", "TimesheetType"]


@strawberry.type
class TimesheetQuery:
    timesheet = record_field(TIMESHEETS)
    timesheets = connection_field(TIMESHEETS, list_timesheets)
