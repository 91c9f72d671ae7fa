"""Comments on a task by staff or contacts; written under tasks:update."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers.core.children import Comment, declare
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.core.records import must_fetch
from resolvers.core.resources import Relation, Resource, relate
from resolvers.core.validation import parse
from resolvers.models import Contact, Staff, Task, TaskComment, table_of

GRANT = "tasks"
UNDER = declare(
    Resource("task_comments", TaskComment, "Task comment", ("content",), permission=GRANT),
    ("tasks", Task, "Task"), "task_id", "comments", "task_comment",
)  # fmt: skip
COMMENTS = UNDER.resource
relate(COMMENTS.name, "staff", Relation("staff", "one", "staff_id"))
relate(COMMENTS.name, "contact", Relation("contacts", "one", "contact_id"))

comments = COMMENTS.table
tasks = table_of(Task)


class CommentCreate(Comment):
    # The author; by default the calling staff member.
    staff_id: int | None = None
    contact_id: int | None = None


async def list_task_comments(ctx: Ctx, task_id: int, page: PageArgs) -> Page:
    return await UNDER.list(ctx, task_id, page)


async def add_task_comment(ctx: Ctx, task_id: int, data: Mapping[str, Any]) -> Row:
    principal = require(ctx.principal, GRANT, "update")
    fields = parse(CommentCreate, data)
    if fields.staff_id is not None and fields.contact_id is not None:
        raise Invalid.field("contact_id", "give staff_id or contact_id, not both")
    values = fields.model_dump(exclude_unset=True)
    if fields.staff_id is None and fields.contact_id is None:
        values["staff_id"] = principal.staff_id
    async with ctx.db.write() as conn:
        task = await must_fetch(conn, tasks, task_id, "Task")
        await must_fetch(conn, table_of(Staff), fields.staff_id, "staff member", "staff_id")
        await must_fetch(conn, table_of(Contact), fields.contact_id, "contact", "contact_id")
        return await UNDER.insert(conn, ctx, task, values)


async def update_task_comment(
    ctx: Ctx, task_id: int, comment_id: int, data: Mapping[str, Any]
) -> Row:
    require(ctx.principal, GRANT, "update")
    values = parse(Comment, data).model_dump()
    async with ctx.db.write() as conn:
        task, before = await UNDER.find(conn, task_id, comment_id)
        return await UNDER.change(conn, ctx, task, before, values)


async def delete_task_comment(ctx: Ctx, task_id: int, comment_id: int) -> Row:
    return await UNDER.delete(ctx, task_id, comment_id)
