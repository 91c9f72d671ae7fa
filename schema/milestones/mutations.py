"""Writing milestones."""

from __future__ import annotations

from datetime import date

import strawberry

from resolvers import milestones
from schema.context import Info
from schema.errors import Payload
from schema.milestones.types import MilestoneType
from schema.projects.refs import plain, write

MILESTONE_IDS = {"project_id": "Project"}
MilestonePayload = Payload[MilestoneType]


@strawberry.input
class MilestoneInput:
    project_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="A Project id; required to create."
    )
    name: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    description_visible_to_customer: bool | None = strawberry.UNSET
    due_date: date | None = strawberry.UNSET
    color: str | None = strawberry.field(default=strawberry.UNSET, description='E.g. "#28B8DA".')
    milestone_order: int | None = strawberry.field(
        default=strawberry.UNSET, description="After the project's last milestone when left out."
    )


@strawberry.type
class MilestoneMutation:
    @strawberry.mutation
    async def create_milestone(self, info: Info, input: MilestoneInput) -> MilestonePayload:
        ctx = info.context.ctx
        return await write(
            lambda: milestones.create_milestone(ctx, plain(input, MILESTONE_IDS)),
            MilestoneType.from_row,
        )

    @strawberry.mutation
    async def update_milestone(
        self, info: Info, id: strawberry.ID, input: MilestoneInput
    ) -> MilestonePayload:
        ctx = info.context.ctx
        return await write(
            lambda: milestones.update_milestone(
                ctx, MilestoneType.pk_from(id), plain(input, MILESTONE_IDS)
            ),
            MilestoneType.from_row,
        )

    @strawberry.mutation
    async def delete_milestone(self, info: Info, id: strawberry.ID) -> MilestonePayload:
        ctx = info.context.ctx
        return await write(
            lambda: milestones.delete_milestone(ctx, MilestoneType.pk_from(id)),
            MilestoneType.from_row,
        )

    @strawberry.mutation
    async def restore_milestone(self, info: Info, id: strawberry.ID) -> MilestonePayload:
        ctx = info.context.ctx
        return await write(
            lambda: milestones.restore_milestone(ctx, MilestoneType.pk_from(id)),
            MilestoneType.from_row,
        )
