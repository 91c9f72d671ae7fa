"""Who works on a task (assignees) and who watches it (followers).

Adding someone already there changes nothing and is no error: a client that retries an
assign whose reply it lost gets the task as it stands, not a 409 for its own first try.
Removing someone who is not there is still NotFound (nothing names what to remove)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import NotFound
from resolvers.core.links import Link
from resolvers.core.permissions import require
from resolvers.core.records import must_fetch
from resolvers.core.validation import Fields, parse
from resolvers.models import Staff, Task, TaskAssignee, TaskFollower, table_of

GRANT = "tasks"
tasks = table_of(Task)
assignees = table_of(TaskAssignee)
followers = table_of(TaskFollower)
staff = table_of(Staff)


ASSIGNEES = Link(assignees, "task_id", "staff_id")
FOLLOWERS = Link(followers, "task_id", "staff_id")


async def assignees_by_task_id(ctx: Ctx, task_ids: Sequence[int]) -> list[list[Row]]:
    """The live staff assigned to each task, in key order."""
    return await ASSIGNEES.targets(ctx, GRANT, staff, task_ids)


async def followers_by_task_id(ctx: Ctx, task_ids: Sequence[int]) -> list[list[Row]]:
    return await FOLLOWERS.targets(ctx, GRANT, staff, task_ids)


class _Person(Fields):
    staff_id: int


async def _link(ctx: Ctx, task_id: int, staff_id: Any, link: Link, event: str) -> list[int]:
    principal = require(ctx.principal, GRANT, "update")
    person = parse(_Person, {"staff_id": staff_id}).staff_id
    async with ctx.db.write() as conn:
        task = await must_fetch(conn, tasks, task_id, "Task")
        await must_fetch(conn, staff, person, "staff member", "staff_id")
        old = await link.ids(conn, task_id)
        if person in old:
            return old  # nothing written, no event: the first request did it
        extra = {"assigned_by_id": principal.staff_id} if link is ASSIGNEES else None
        await link.replace(conn, task_id, [*old, person], extra)
        await events.record(
            conn, ctx, event, task_id, {"staff_id": person}, parent=task_parent(task)
        )
    return sorted([*old, person])


async def _unlink(ctx: Ctx, task_id: int, staff_id: Any, link: Link, event: str) -> list[int]:
    require(ctx.principal, GRANT, "update")
    person = parse(_Person, {"staff_id": staff_id}).staff_id
    async with ctx.db.write() as conn:
        task = await must_fetch(conn, tasks, task_id, "Task")
        old = await link.ids(conn, task_id)
        if person not in old:
            raise NotFound("Task " + ("assignee" if link is ASSIGNEES else "follower"), person)
        await link.replace(conn, task_id, [s for s in old if s != person])
        await events.record(
            conn, ctx, event, task_id, {"staff_id": person}, parent=task_parent(task)
        )
    return [s for s in old if s != person]


def task_parent(task: Row) -> tuple[str, int] | None:
    if task["rel_type"] and task["rel_id"] is not None:
        return (str(task["rel_type"]), int(task["rel_id"]))
    return None


async def assign_task(ctx: Ctx, task_id: int, staff_id: int) -> list[int]:
    """Add an assignee; returns the task's assignee ids."""
    return await _link(ctx, task_id, staff_id, ASSIGNEES, "task.assigned")


async def unassign_task(ctx: Ctx, task_id: int, staff_id: int) -> list[int]:
    return await _unlink(ctx, task_id, staff_id, ASSIGNEES, "task.unassigned")


async def add_task_follower(ctx: Ctx, task_id: int, staff_id: int) -> list[int]:
    return await _link(ctx, task_id, staff_id, FOLLOWERS, "task.follower_added")


async def remove_task_follower(ctx: Ctx, task_id: int, staff_id: int) -> list[int]:
    return await _unlink(ctx, task_id, staff_id, FOLLOWERS, "task.follower_removed")
