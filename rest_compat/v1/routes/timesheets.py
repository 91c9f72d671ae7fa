"""Timesheets: time logged on tasks; one without an end time is a running timer."""

from __future__ import annotations

from resolvers import timesheets
from rest_compat.readers import body, id_and_body, path_id
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.timesheets import TIMESHEET, TIMESHEET_IN
from rest_compat.v1.routes.common import Q, deleted, listing, pages, params, record, shaped

FILTERS = (
    Q("task_id", "integer"),
    Q("staff_id", "integer"),
    Q("project_id", "integer"),
    Q("date_from", "date", description="Started on or after this day (UTC)"),
    Q("date_to", "date", description="Started on or before this day (UTC)"),
    Q("running", "boolean", description="Only running timers (true) or finished ones"),
)
timesheet = shaped(TIMESHEET)

ROUTES = [
    R("GET", "/api/v1/timesheets", timesheets.list_timesheets, pages(*FILTERS),
      listing(timesheet), "List all timesheet entries with pagination. Filterable by task_id, "
      "staff_id, date_from, date_to", query=params(*FILTERS)),
    R("GET", "/api/v1/timesheets/{id}", timesheets.get_timesheet, path_id(), record(timesheet),
      "Get timesheet entry details by ID", label="Timesheet"),
    R("POST", "/api/v1/timesheets", timesheets.create_timesheet, body(),
      record(timesheet, 201), "Create a new timesheet entry. Required: task_id, staff_id, "
      "start_time. Supports running timers (omit end_time)", fields=TIMESHEET_IN, status=201),
    R("PUT", "/api/v1/timesheets/{id}", timesheets.update_timesheet, id_and_body(),
      record(timesheet), "Update an existing timesheet entry", fields=TIMESHEET_IN,
      label="Timesheet"),
    R("DELETE", "/api/v1/timesheets/{id}", timesheets.delete_timesheet, path_id(), deleted,
      "Delete a timesheet entry", label="Timesheet"),
]  # fmt: skip
