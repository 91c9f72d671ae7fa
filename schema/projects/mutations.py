"""Writing projects, their members and discussions."""

from __future__ import annotations

import strawberry

from resolvers import projects
from resolvers.core.context import Row
from schema.context import Info
from schema.errors import Payload, answer
from schema.ids import decode_id
from schema.projects.inputs import (
    DISCUSSION_IDS,
    DiscussionCommentInput,
    DiscussionInput,
    ProjectInput,
)
from schema.projects.refs import by_parent, plain, staff_change, write
from schema.projects.types import DiscussionCommentType, ProjectDiscussionType, ProjectType
from schema.writes import mutations

ProjectPayload = Payload[ProjectType]


ProjectMutation = mutations(
    projects.PROJECTS, ProjectType, create_input=ProjectInput, update_input=ProjectInput,
    references={"customer_id": ("Customer", "customer_id"), "members": ("Staff", "members")},
)  # fmt: skip

DiscussionMutation = mutations(
    projects.DISCUSSIONS, ProjectDiscussionType, create_input=DiscussionInput,
    update_input=DiscussionInput, label="Discussion",
    references={
        "project_id": ("Project", "project_id"),
        "staff_id": ("Staff", "staff_id"),
        "contact_id": ("Contact", "contact_id"),
    },
)  # fmt: skip


@strawberry.type
class ProjectPartsMutation:
    @strawberry.mutation(description="Replace the project's members with these Staff.")
    async def set_project_members(
        self, info: Info, id: strawberry.ID, staff_ids: list[strawberry.ID]
    ) -> ProjectPayload:
        ctx = info.context.ctx

        async def call() -> Row | None:
            project = decode_id(id, ProjectType)
            staff = [decode_id(s, "Staff", "staffIds") for s in staff_ids]
            await projects.set_project_members(ctx, project, staff)
            return await projects.get_project(ctx, project)

        return await write(call, ProjectType.from_row, {"members": "staffIds"})

    @strawberry.mutation
    async def add_project_member(
        self, info: Info, id: strawberry.ID, staff_id: strawberry.ID
    ) -> ProjectPayload:
        call = staff_change(
            ProjectType, id, staff_id, projects.add_project_member, projects.get_project
        )
        return await answer(info, call, ProjectType.from_row)

    @strawberry.mutation
    async def remove_project_member(
        self, info: Info, id: strawberry.ID, staff_id: strawberry.ID
    ) -> ProjectPayload:
        call = staff_change(
            ProjectType, id, staff_id, projects.remove_project_member, projects.get_project
        )
        return await answer(info, call, ProjectType.from_row)

    @strawberry.mutation
    async def add_discussion_comment(
        self, info: Info, discussion_id: strawberry.ID, input: DiscussionCommentInput
    ) -> Payload[DiscussionCommentType]:
        return await answer(
            info,
            lambda ctx: projects.add_discussion_comment(
                ctx,
                decode_id(discussion_id, ProjectDiscussionType, "discussionId"),
                plain(input, DISCUSSION_IDS),
            ),
            DiscussionCommentType.from_row,
        )

    @strawberry.mutation
    async def delete_discussion_comment(
        self, info: Info, id: strawberry.ID
    ) -> Payload[DiscussionCommentType]:
        call = by_parent(
            projects.COMMENTS, DiscussionCommentType, id, "discussion_id",
            projects.delete_discussion_comment,
        )  # fmt: skip
        return await answer(info, call, DiscussionCommentType.from_row)
