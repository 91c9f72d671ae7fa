"""Timesheets: times as the document writes them, "2026-02-10 09:00:00" (UTC)."""

from __future__ import annotations

from resolvers.timesheets import TimesheetFields
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import READ_ONLY, Shape

TIMESHEET_IN = FieldMap(
    fields={},
    ignore=READ_ONLY,
    model=TimesheetFields,
    required=("task_id", "staff_id", "start_time"),
    # A time as the model reads it (ISO 8601); "2026-02-10 09:00:00", as the document
    # writes it, is UTC.
    schema={"start_time": {"type": "string", "format": "date-time",
                           "example": "2026-02-10T09:00:00Z",
                           "description": "UTC without a zone (2026-02-10 09:00:00 too)"},
            "end_time": {"type": ["string", "null"], "format": "date-time",
                         "example": "2026-02-10T12:30:00Z",
                         "description": "Left out (or null) for a running timer"}},
)  # fmt: skip

TIMESHEET = Shape(plain_times=frozenset({"start_time", "end_time"}), table="timesheets")
