"""The Task node, its checklist items and comments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum, IntEnum
from typing import cast

import strawberry

# The modules that declare tasks' edges to their records.
import resolvers.files  # noqa: F401
import resolvers.notes  # noqa: F401
import resolvers.timesheets  # noqa: F401
from resolvers.core.reading import Order, records_by_id
from resolvers.core.rel_types import RECORDS
from resolvers.tasks import CHECKLIST, COMMENTS, TASKS, get_task
from resolvers.tasks.rules import (
    AWAITING_FEEDBACK,
    COMPLETE,
    HIGH,
    IN_PROGRESS,
    LOW,
    MEDIUM,
    NOT_STARTED,
    REL_TYPES,
    TESTING,
    URGENT,
)
from schema.codes import perfex_codes
from schema.comments import comment_node
from schema.context import Info
from schema.custom_fields.types import custom_fields_field
from schema.fields import GRAPH, graph_node, relation_field
from schema.node import Node, RowType
from schema.projects.refs import fetch_of


@perfex_codes("TaskStatus", "status")
class TaskStatus(IntEnum):
    NOT_STARTED = NOT_STARTED
    AWAITING_FEEDBACK = AWAITING_FEEDBACK
    TESTING = TESTING
    IN_PROGRESS = IN_PROGRESS
    COMPLETE = COMPLETE  # sets completedAt


@perfex_codes("TaskPriority", "priority")
class TaskPriority(IntEnum):
    LOW = LOW
    MEDIUM = MEDIUM
    HIGH = HIGH
    URGENT = URGENT


@strawberry.enum(name="TaskRepeatUnit", description="The unit of a custom repeat.")
class TaskRepeatUnit(Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


# What a task may hang off: rel_type -> (resource, GraphQL type name). An "annex" has no
# table, so no node.
RELATED: dict[str, tuple[str, str]] = {
    kind: (RECORDS[kind][0], kind.capitalize()) for kind, model in REL_TYPES.items() if model
}


@graph_node(TASKS, get_task)
@strawberry.type(name="Task")
class TaskType(RowType, Node):
    name: str
    description: str
    priority: TaskPriority
    status: TaskStatus
    start_date: date
    due_date: date | None
    completed_at: datetime | None
    rel_type: str = strawberry.field(
        description='What kind of record the task hangs off ("project", "lead"...; "" for none).'
    )
    is_public: bool
    billable: bool
    hourly_rate: Decimal
    repeat_every: str = strawberry.field(description='"1-week", "2-month"...; "" when it does not.')
    cycles: int
    total_cycles: int
    visible_to_client: bool
    tags: str = strawberry.field(description="Comma-separated.")
    created_at: datetime
    updated_at: datetime
    project = relation_field("project")
    customer = relation_field("customer")
    milestone = relation_field("milestone")
    assignees = relation_field("assignees", description="The staff working on the task.")
    followers = relation_field("followers", description="The staff watching the task.")
    added_by = relation_field("added_by", description="The staff member who created it.")
    checklist = relation_field("checklist", order=[Order("list_order")])
    comments = relation_field("comments", order=[Order("created_at")])
    timesheets = relation_field("timesheets", order=[Order("start_time")])
    attachments = relation_field("attachments")
    notes = relation_field("notes")
    custom_fields = custom_fields_field("tasks")

    @strawberry.field(
        description="The record the task hangs off (relType says which kind), when in the graph."
    )
    async def related(self, info: Info) -> Node | None:
        kind, rel_id = self._row["rel_type"], self._row["rel_id"]
        graph = GRAPH.get(RELATED[kind][0]) if kind in RELATED else None
        if graph is None or rel_id is None:
            return None
        # Batched by id with every other lookup of that resource in the same tick.
        row = await info.context.ctx.loader(records_by_id, graph.resource).load(rel_id)
        return cast(Node | None, graph.node.maybe(row))


@graph_node(CHECKLIST, fetch_of(CHECKLIST))
@strawberry.type(name="ChecklistItem")
class ChecklistItemType(RowType, Node):
    description: str
    finished: bool
    finished_at: datetime | None
    list_order: int
    created_at: datetime
    updated_at: datetime
    task = relation_field("task")
    assigned = relation_field("assigned", description="The staff member the item is for.")
    finished_by = relation_field("finished_by", description="Who ticked it off.")
    added_by = relation_field("added_by")


TaskCommentType = comment_node(COMMENTS, "TaskComment", "task", attachments=True)
