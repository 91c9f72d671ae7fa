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
    schema={"start_time": {"type": "string", "example": "2026-02-10 09:00:00",
                           "description": "UTC, or ISO 8601 with a zone"},
            "end_time": {"type": ["string", "null"], "example": "2026-02-10 12:30:00",
                         "description": "Left out (or null) for a running timer"}},
)  # fmt: skip

TIMESHEET = Shape(plain_times=frozenset({"start_time", "end_time"}), table="timesheets")
