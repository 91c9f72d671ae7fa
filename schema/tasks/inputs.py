"""What task writes take; ids of other records are global ids."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry

from resolvers.core.errors import Invalid
from schema.custom_fields.inputs import CustomFieldValueInput
from schema.lookups.references import service_data
from schema.node import decode_global_id
from schema.optional import optional
from schema.tasks.types import RELATED, TaskPriority, TaskRepeatUnit, TaskStatus

TASK_IDS = {
    "project_id": "Project",
    "customer_id": "Customer",
    "milestone_id": "Milestone",
    "assignees": "Staff",
    "followers": "Staff",
}
CHECKLIST_IDS = {"assigned_id": "Staff"}
COMMENT_IDS = {"staff_id": "Staff", "contact_id": "Contact"}
# The service layer's names for what relatedId sets.
_REL_TYPES = {type_name: rel_type for rel_type, (_, type_name) in RELATED.items()}


@strawberry.input
class TaskInput:
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    priority: TaskPriority | None = strawberry.UNSET
    status: TaskStatus | None = strawberry.UNSET
    start_date: date | None = optional("Today when left out.")
    due_date: date | None = strawberry.UNSET
    related_id: strawberry.ID | None = optional(
        "The record the task hangs off: a Project, Customer, Lead, Invoice, "
        "Estimate, Contract, Ticket, Expense or Proposal id; null for none."
    )
    project_id: strawberry.ID | None = optional("Shorthand for relatedId with a Project id.")
    customer_id: strawberry.ID | None = optional("Shorthand for relatedId with a Customer id.")
    milestone_id: strawberry.ID | None = optional("A Milestone of the task's project.")
    is_public: bool | None = strawberry.UNSET
    billable: bool | None = strawberry.UNSET
    hourly_rate: Decimal | None = strawberry.UNSET
    repeat_every: str | None = strawberry.field(
        default=strawberry.UNSET,
        description='"1-week", "2-month"...; "custom" with repeatEveryCustom and '
        'repeatTypeCustom; "" for no repeat.',
    )
    repeat_every_custom: int | None = strawberry.UNSET
    repeat_type_custom: TaskRepeatUnit | None = strawberry.UNSET
    cycles: int | None = strawberry.UNSET
    visible_to_client: bool | None = strawberry.UNSET
    tags: str | None = optional("Comma-separated.")
    assignees: list[strawberry.ID] | None = optional(
        "Staff ids; replaces the assignees when given."
    )
    followers: list[strawberry.ID] | None = optional(
        "Staff ids; replaces the followers when given."
    )
    custom_fields: list[CustomFieldValueInput] | None = optional(
        "Values of the given custom fields; others stay."
    )


def task_data(data: TaskInput) -> dict[str, Any]:
    """The service layer's task fields: relatedId becomes rel_type and rel_id."""
    values = service_data(data, TASK_IDS)
    if "related_id" not in values:
        return values
    related = values.pop("related_id")
    if related is None:
        values["rel_type"], values["rel_id"] = "", None
        return values
    type_name, key = decode_global_id(related, "relatedId")
    rel_type = _REL_TYPES.get(type_name)
    if rel_type is None:
        raise Invalid.field("relatedId", f"a task cannot hang off a {type_name}")
    values["rel_type"], values["rel_id"] = rel_type, key
    return values


@strawberry.input
class ChecklistItemInput:
    description: str | None = strawberry.UNSET
    finished: bool | None = optional("Ticking it records who and when.")
    assigned_id: strawberry.ID | None = optional("The Staff member the item is for.")
    list_order: int | None = optional("After the last item when left out.")


@strawberry.input
class TaskCommentInput:
    content: str
    staff_id: strawberry.ID | None = optional("The author (a Staff id); by default the caller.")
    contact_id: strawberry.ID | None = optional("The author, when a contact (a Contact id).")
