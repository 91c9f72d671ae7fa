"""Writing milestones."""

from __future__ import annotations

from datetime import date

import strawberry

from resolvers import milestones
from schema.milestones.types import MilestoneType
from schema.optional import optional
from schema.writes import mutations

REFERENCES = {"project_id": "Project"}


@strawberry.input
class MilestoneInput:
    project_id: strawberry.ID | None = optional("A Project id; required to create.")
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    description_visible_to_customer: bool | None = strawberry.UNSET
    due_date: date | None = strawberry.UNSET
    color: str | None = strawberry.field(default=strawberry.UNSET, description='E.g. "#28B8DA".')
    milestone_order: int | None = optional("After the project's last milestone when left out.")


MilestoneMutation = mutations(
    milestones.MILESTONES, MilestoneType, input=MilestoneInput, references=REFERENCES,
)  # fmt: skip
