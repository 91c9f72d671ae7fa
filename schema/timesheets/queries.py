"""Reading timesheets."""

from __future__ import annotations

import strawberry

from resolvers.timesheets import TIMESHEETS, list_timesheets
from schema.roots import roots


@strawberry.type
class TimesheetQuery:
    timesheet, timesheets = roots(TIMESHEETS, list_timesheets)
