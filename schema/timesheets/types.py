"""The Timesheet node: time a staff member logged on a task."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from resolvers.timesheets import TIMESHEETS, get_timesheet
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(TIMESHEETS, get_timesheet)
@strawberry.type(
    name="Timesheet", description="Time logged on a task; no endTime: a running timer."
)
class TimesheetType(RowType, Node):
    start_time: datetime
    end_time: datetime | None = strawberry.field(description="Null while the timer runs.")
    hourly_rate: Decimal
    note: str
    created_at: datetime
    updated_at: datetime
    task = relation_field("task")
    staff = relation_field("staff", description="Who logged the time.")
