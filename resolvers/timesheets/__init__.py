"""Timesheets: time logged on tasks, and the timers that log it."""

from resolvers.timesheets.resource import (
    RESOURCE,
    TIMESHEETS,
    TimesheetFields,
    create_timesheet,
    delete_timesheet,
    get_timesheet,
    list_timesheets,
    restore_timesheet,
    timesheets_by_project_id,
    update_timesheet,
)
from resolvers.timesheets.timers import start_timer, stop_timer

__all__ = [
    "RESOURCE",
    "TIMESHEETS",
    "TimesheetFields",
    "create_timesheet",
    "delete_timesheet",
    "get_timesheet",
    "list_timesheets",
    "restore_timesheet",
    "start_timer",
    "stop_timer",
    "timesheets_by_project_id",
    "update_timesheet",
]
