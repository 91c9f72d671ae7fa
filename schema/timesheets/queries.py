"""Reading timesheets."""

from __future__ import annotations

import strawberry

from resolvers.timesheets import TIMESHEETS, list_timesheets
from schema.roots import roots
from schema.timesheets.types import TimesheetType

__all__ = ["TimesheetQuery", "TimesheetType"]


@strawberry.type
class TimesheetQuery:
    timesheet, timesheets = roots(TIMESHEETS, list_timesheets)
