"""The Project node, its discussions and their comments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import IntEnum

import strawberry

# The modules that declare projects' edges to their records.
import resolvers.contracts  # noqa: F401
import resolvers.credit_notes  # noqa: F401
import resolvers.estimates  # noqa: F401
import resolvers.expenses  # noqa: F401
import resolvers.files  # noqa: F401
import resolvers.invoices  # noqa: F401
import resolvers.milestones  # noqa: F401
import resolvers.notes  # noqa: F401
import resolvers.subscriptions  # noqa: F401
import resolvers.tasks  # noqa: F401
import resolvers.tickets  # noqa: F401
from resolvers.core.reading import Order
from resolvers.projects import COMMENTS, DISCUSSIONS, PROJECTS, get_discussion, get_project
from resolvers.projects.resource import CANCELLED, FINISHED, IN_PROGRESS, NOT_STARTED, ON_HOLD
from resolvers.timesheets import timesheets_by_project_id
from schema.activity.types import activity_field
from schema.codes import perfex_codes
from schema.comments import comment_node
from schema.context import Info
from schema.custom_fields.types import custom_fields_field
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType
from schema.timesheets.types import TimesheetType


@perfex_codes("ProjectStatus", "status")
class ProjectStatus(IntEnum):
    NOT_STARTED = NOT_STARTED
    IN_PROGRESS = IN_PROGRESS
    ON_HOLD = ON_HOLD
    CANCELLED = CANCELLED
    FINISHED = FINISHED  # sets date_finished


@strawberry.enum(name="ProjectBillingType", description="How the project is billed (Perfex codes).")
class ProjectBillingType(IntEnum):
    FIXED_RATE = 1  # projectCost
    PROJECT_HOURS = 2  # projectRatePerHour
    TASK_HOURS = 3  # each task's hourly rate


@graph_node(PROJECTS, get_project)
@strawberry.type(name="Project")
class ProjectType(RowType, Node):
    name: str
    description: str
    status: ProjectStatus
    billing_type: ProjectBillingType
    start_date: date
    deadline: date | None
    date_finished: date | None
    progress: int = strawberry.field(description="Percent done; from the tasks unless told.")
    progress_from_tasks: bool
    project_cost: Decimal
    project_rate_per_hour: Decimal
    estimated_hours: Decimal
    tags: str = strawberry.field(description="Comma-separated.")
    created_at: datetime
    updated_at: datetime
    customer = relation_field("customer")
    added_by = relation_field("added_by", description="The staff member who created it.")
    members = relation_field("members", description="The staff working on the project.")
    milestones = relation_field("milestones", order=[Order("milestone_order"), Order("due_date")])
    tasks = relation_field("tasks")
    discussions = relation_field("discussions")
    contracts = relation_field("contracts")
    tickets = relation_field("tickets")
    invoices = relation_field("invoices")
    estimates = relation_field("estimates")
    credit_notes = relation_field("credit_notes")
    expenses = relation_field("expenses")
    subscriptions = relation_field("subscriptions")
    notes = relation_field("notes")
    files = relation_field("files")
    custom_fields = custom_fields_field("projects")
    activity = activity_field("project")

    @strawberry.field(description="Time logged on the project's tasks, oldest first.")
    async def timesheets(self, info: Info) -> list[TimesheetType]:
        rows = await info.context.ctx.loader(timesheets_by_project_id).load(self.database_id)
        return [TimesheetType.from_row(r) for r in rows]


@graph_node(DISCUSSIONS, get_discussion)
@strawberry.type(name="ProjectDiscussion")
class ProjectDiscussionType(RowType, Node):
    subject: str
    description: str
    show_to_customer: bool
    created_at: datetime
    updated_at: datetime
    project = relation_field("project")
    staff = relation_field("staff", description="The author, when a staff member.")
    contact = relation_field("contact", description="The author, when a contact.")
    comments = relation_field("comments", order=[Order("created_at")])


DiscussionCommentType = comment_node(COMMENTS, "DiscussionComment", "discussion")
