"""Writing projects, their members and discussions."""

from __future__ import annotations

import strawberry

from resolvers import projects
from resolvers.core.context import Ctx, Row
from schema.calls import add_child, child_verb, mutation, staff_verb
from schema.ids import decode_id
from schema.lookups.references import service_data
from schema.projects.inputs import (
    DISCUSSION_IDS,
    DiscussionCommentInput,
    DiscussionInput,
    ProjectInput,
)
from schema.projects.types import DiscussionCommentType, ProjectDiscussionType, ProjectType
from schema.writes import mutations

ProjectMutation = mutations(
    projects.PROJECTS, ProjectType, input=ProjectInput,
    references={"customer_id": "Customer", "members": "Staff"},
)  # fmt: skip

DiscussionMutation = mutations(
    projects.DISCUSSIONS, ProjectDiscussionType, input=DiscussionInput, label="Discussion",
    references={
        "project_id": "Project",
        "staff_id": "Staff",
        "contact_id": "Contact",
    },
)  # fmt: skip


async def _set_members(ctx: Ctx, id: str, staff_ids: list[str]) -> Row | None:
    project = decode_id(id, ProjectType)
    staff = [decode_id(s, "Staff", "staffIds") for s in staff_ids]
    await projects.set_project_members(ctx, project, staff)
    return await projects.get_project(ctx, project)


@strawberry.type
class ProjectPartsMutation:
    set_project_members = mutation(
        ProjectType, {"id": strawberry.ID, "staff_ids": list[strawberry.ID]}, _set_members,
        "Replace the project's members with these Staff.", {"members": "staff_ids"},
    )  # fmt: skip

    add_project_member = staff_verb(ProjectType, projects.add_project_member, projects.get_project)
    remove_project_member = staff_verb(
        ProjectType, projects.remove_project_member, projects.get_project
    )

    add_discussion_comment = add_child(
        projects.add_discussion_comment, ProjectDiscussionType, DiscussionCommentType,
        ("input", DiscussionCommentInput), parent_argument="discussion_id",
        data=lambda input: service_data(input, DISCUSSION_IDS),
    )  # fmt: skip
    delete_discussion_comment = child_verb(
        projects.COMMENTS,
        DiscussionCommentType,
        "discussion_id",
        projects.delete_discussion_comment,
    )
