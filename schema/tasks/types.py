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
from resolvers.tasks import CHECKLIST, COMMENTS, TASKS, get_task
from resolvers.tasks.rules import (
    AWAITING_FEEDBACK,
    COMPLETE,
    HIGH,
    IN_PROGRESS,
    LOW,
    MEDIUM,
    NOT_STARTED,
    TESTING,
    URGENT,
)
from schema.context import Info
from schema.custom_fields.types import custom_fields_field
from schema.fields import GRAPH, graph_node, relation_field
from schema.node import Node, RowType
from schema.projects.refs import fetch_of


@strawberry.enum(
    name="TaskStatus",
    description="Filters and groupBy take the status by name; orderBy sorts by its "
    "Perfex code, shown here.",
)
class TaskStatus(IntEnum):
    NOT_STARTED = strawberry.enum_value(NOT_STARTED, description="Code 1.")
    AWAITING_FEEDBACK = strawberry.enum_value(AWAITING_FEEDBACK, description="Code 2.")
    TESTING = strawberry.enum_value(TESTING, description="Code 3.")
    IN_PROGRESS = strawberry.enum_value(IN_PROGRESS, description="Code 4.")
    COMPLETE = strawberry.enum_value(COMPLETE, description="Code 5: sets completedAt.")


@strawberry.enum(
    name="TaskPriority",
    description="Filters and groupBy take the priority by name; orderBy sorts by its "
    "Perfex code, shown here.",
)
class TaskPriority(IntEnum):
    LOW = strawberry.enum_value(LOW, description="Code 1.")
    MEDIUM = strawberry.enum_value(MEDIUM, description="Code 2.")
    HIGH = strawberry.enum_value(HIGH, description="Code 3.")
    URGENT = strawberry.enum_value(URGENT, description="Code 4.")


@strawberry.enum(name="TaskRepeatUnit", description="The unit of a custom repeat.")
class TaskRepeatUnit(Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


# What a task may hang off: rel_type -> (resource, GraphQL type name). An "annex" has no
# table, so no node.
RELATED: dict[str, tuple[str, str]] = {
    "lead": ("leads", "Lead"), "customer": ("customers", "Customer"),
    "invoice": ("invoices", "Invoice"), "project": ("projects", "Project"),
    "estimate": ("estimates", "Estimate"), "contract": ("contracts", "Contract"),
    "ticket": ("tickets", "Ticket"), "expense": ("expenses", "Expense"),
    "proposal": ("proposals", "Proposal"),
}  # fmt: skip


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


@graph_node(COMMENTS, fetch_of(COMMENTS))
@strawberry.type(name="TaskComment")
class TaskCommentType(RowType, Node):
    content: str
    created_at: datetime
    updated_at: datetime
    task = relation_field("task")
    staff = relation_field("staff", description="The author, when a staff member.")
    contact = relation_field("contact", description="The author, when a contact.")
    attachments = relation_field("attachments")
