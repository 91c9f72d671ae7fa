"""What project and discussion writes take; ids of other records are global ids."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from schema.custom_fields.inputs import CustomFieldValueInput
from schema.optional import optional
from schema.projects.types import ProjectBillingType, ProjectStatus

DISCUSSION_IDS = {"staff_id": "Staff", "contact_id": "Contact"}


@strawberry.input
class ProjectInput:
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    status: ProjectStatus | None = strawberry.UNSET
    customer_id: strawberry.ID | None = optional("A Customer id; required to create.")
    billing_type: ProjectBillingType | None = strawberry.UNSET
    start_date: date | None = optional("Today when left out.")
    deadline: date | None = strawberry.UNSET
    date_finished: date | None = strawberry.UNSET
    progress: int | None = optional("0-100; kept from the tasks while progressFromTasks.")
    progress_from_tasks: bool | None = strawberry.UNSET
    project_cost: Decimal | None = strawberry.UNSET
    project_rate_per_hour: Decimal | None = strawberry.UNSET
    estimated_hours: Decimal | None = strawberry.UNSET
    tags: str | None = optional("Comma-separated.")
    members: list[strawberry.ID] | None = optional(
        "Staff ids; replaces the member list when given."
    )
    custom_fields: list[CustomFieldValueInput] | None = optional(
        "Values of the given custom fields; others stay."
    )


@strawberry.input
class DiscussionInput:
    project_id: strawberry.ID | None = optional("A Project id; required to create.")
    subject: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    show_to_customer: bool | None = strawberry.UNSET
    staff_id: strawberry.ID | None = optional("The author (a Staff id); by default the caller.")
    contact_id: strawberry.ID | None = optional("The author, when a contact (a Contact id).")


@strawberry.input
class DiscussionCommentInput:
    content: str
    staff_id: strawberry.ID | None = optional("The author (a Staff id); by default the caller.")
    contact_id: strawberry.ID | None = optional("The author, when a contact (a Contact id).")
