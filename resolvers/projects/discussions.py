"""Discussions on a project and the comments under them; written under projects:update."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.children import declare
from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to
from resolvers.core.errors import Invalid
from resolvers.core.getters import getter
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import Principal, require
from resolvers.core.records import must_fetch
from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.core.validation import Fields, parse
from resolvers.models import Contact, DiscussionComment, Project, ProjectDiscussion, Staff, table_of
from resolvers.projects.common import lister, settle

GRANT = "projects"
discussions = table_of(ProjectDiscussion)
comments = table_of(DiscussionComment)


class Author(Fields):
    # A staff member or a contact wrote it; by default the calling staff member.
    staff_id: int | None = None
    contact_id: int | None = None


class DiscussionFields(Author):
    project_id: int | None = None
    subject: str | None = Field(default=None, min_length=1, max_length=191)
    description: str | None = Field(default=None, max_length=65_000)
    show_to_customer: bool | None = None


class DiscussionCreate(DiscussionFields):
    project_id: int
    subject: str = Field(min_length=1, max_length=191)


class CommentCreate(Author):
    content: str = Field(min_length=1, max_length=65_000)


async def _author(
    conn: AsyncConnection, principal: Principal, data: Author, values: dict[str, Any]
) -> None:
    if data.staff_id is not None and data.contact_id is not None:
        raise Invalid.field("contact_id", "give staff_id or contact_id, not both")
    await must_fetch(conn, table_of(Staff), data.staff_id, "staff member", "staff_id")
    await must_fetch(conn, table_of(Contact), data.contact_id, "contact", "contact_id")
    if data.staff_id is None and data.contact_id is None:
        values["staff_id"] = principal.staff_id


async def _discussion_values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, DiscussionFields)
    required = ("project_id", "subject", "show_to_customer")
    values = settle(fields.model_dump(exclude_unset=True), required, ("description",))
    if "project_id" in values and (before is None or values["project_id"] != before["project_id"]):
        await must_fetch(conn, table_of(Project), values["project_id"], "project", "project_id")
    if before is None and ctx.principal is not None:
        await _author(conn, ctx.principal, fields, values)
    else:
        await must_fetch(conn, table_of(Staff), fields.staff_id, "staff member", "staff_id")
        await must_fetch(conn, table_of(Contact), fields.contact_id, "contact", "contact_id")
    return values


DISCUSSIONS = register(
    Resource(
        name="project_discussions",
        model=ProjectDiscussion,
        label="Discussion",
        search=("subject", "description"),
        permission=GRANT,
        verbs=soft_verbs(
            DiscussionCreate,
            DiscussionFields,
            "discussion",
            asks="update",
            values=_discussion_values,
            parent=lambda row: ("project", row["project_id"]),
            created=lambda row: {"subject": row["subject"]},
        ),
    )
)
belongs_to(DISCUSSIONS.name, "projects", "project_id", many="discussions")
relate(DISCUSSIONS.name, "staff", Relation("staff", "one", "staff_id"))
relate(DISCUSSIONS.name, "contact", Relation("contacts", "one", "contact_id"))
# Shown in the project's feed, where the discussion itself appears.
UNDER = declare(
    Resource("project_discussion_comments", DiscussionComment, "Discussion comment",
             ("content",), permission=GRANT),
    (DISCUSSIONS.name, ProjectDiscussion, "Discussion"), "discussion_id", "comments",
    "discussion_comment", lambda discussion: ("project", discussion["project_id"]),
    lambda discussion: {"discussion_id": discussion["id"]},
)  # fmt: skip
COMMENTS = UNDER.resource
relate(COMMENTS.name, "staff", Relation("staff", "one", "staff_id"))
relate(COMMENTS.name, "contact", Relation("contacts", "one", "contact_id"))
get_discussion = getter(DISCUSSIONS, __name__, "get_discussion")
list_discussions = lister(DISCUSSIONS, __name__, "project_id")
create_discussion, update_discussion, delete_discussion, restore_discussion = operations(
    DISCUSSIONS
)


async def list_discussion_comments(ctx: Ctx, discussion_id: int, page: PageArgs) -> Page:
    return await UNDER.list(ctx, discussion_id, page)


async def add_discussion_comment(ctx: Ctx, discussion_id: int, data: Mapping[str, Any]) -> Row:
    principal = require(ctx.principal, GRANT, "update")
    fields = parse(CommentCreate, data)
    values = fields.model_dump(exclude_unset=True)
    async with ctx.db.write() as conn:
        discussion = await must_fetch(conn, discussions, discussion_id, "Discussion")
        await _author(conn, principal, fields, values)
        return await UNDER.insert(conn, ctx, discussion, values)


async def delete_discussion_comment(ctx: Ctx, discussion_id: int, comment_id: int) -> Row:
    return await UNDER.delete(ctx, discussion_id, comment_id)
