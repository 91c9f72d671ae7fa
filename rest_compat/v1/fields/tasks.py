"""Tasks: the document's `startdate` and `duedate`, with their assignees and followers."""

from __future__ import annotations

from typing import Any, TypedDict

from resolvers import tasks
from resolvers.core.context import Ctx, Row
from resolvers.tasks import TaskFields
from rest_compat.renames import FieldMap
from rest_compat.reply_schemas import INTEGER, array, describe
from rest_compat.v1.fields.base import READ_ONLY, Shape

TASK_IN = FieldMap(
    fields={"startdate": "start_date", "duedate": "due_date"},
    ignore=READ_ONLY | {"completed_at", "added_by_id", "total_cycles"},
    model=TaskFields,
    required=("name",),
)

TASK = Shape(names={"start_date": "startdate", "due_date": "duedate"}, table="tasks")
CHECKLIST_ITEM = Shape(table="task_checklist_items")
COMMENT = Shape(table="task_comments")


class StaffMember(TypedDict):
    """An assignee or follower as a caller who may read staff sees them."""

    id: int
    firstname: str
    lastname: str
    email: str
    active: bool


class StaffId(TypedDict):
    """An assignee or follower as a caller without staff:get sees them: the id alone."""

    id: int


def staff_member(row: Row) -> StaffMember:
    """An assignee or follower: who they are, never their credentials."""
    return {
        "id": row["id"],
        "firstname": row["firstname"],
        "lastname": row["lastname"],
        "email": row["email"],
        "active": bool(row["active"]),
    }


async def _task(ctx: Ctx, row: Row) -> dict[str, Any]:
    assigned: list[Row] = await ctx.loader(tasks.assignees_by_task_id).load(row["id"])
    following: list[Row] = await ctx.loader(tasks.followers_by_task_id).load(row["id"])
    return {
        **TASK(row),
        "assignees": [int(s["id"]) for s in assigned],
        "followers": [int(s["id"]) for s in following],
    }


# The task's columns and the staff ids of its assignees and followers.
task = describe(
    _task, TASK.reply_schema(extra={"assignees": array(INTEGER), "followers": array(INTEGER)})
)
