"""Who works on a task (assignees) and who watches it (followers).

Adding someone already there changes nothing and is no error: a client that retries an
assign whose reply it lost gets the task as it stands, not a 409 for its own first try.
Removing someone who is not there is still NotFound (nothing names what to remove)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Table, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import NotFound
from resolvers.core.permissions import require
from resolvers.core.records import live, must_fetch
from resolvers.core.validation import parse
from resolvers.models import Staff, Task, TaskAssignee, TaskFollower, table_of

GRANT = "tasks"
tasks = table_of(Task)
assignees = table_of(TaskAssignee)
followers = table_of(TaskFollower)
staff = table_of(Staff)


async def linked_ids(conn: AsyncConnection, link: Table, task_id: int) -> list[int]:
    rows = await conn.execute(
        select(link.c.staff_id).where(link.c.task_id == task_id).order_by(link.c.staff_id)
    )
    return [int(s) for s in rows.scalars()]


async def set_links(
    conn: AsyncConnection,
    link: Table,
    task_id: int,
    staff_ids: Sequence[int],
    extra: dict[str, Any] | None = None,
) -> list[int]:
    """Replace a task's assignees or followers; returns the ids it had before."""
    old = await linked_ids(conn, link, task_id)
    wanted = list(dict.fromkeys(staff_ids))
    gone = set(old) - set(wanted)
    if gone:
        await conn.execute(delete(link).where(link.c.task_id == task_id, link.c.staff_id.in_(gone)))
    new = [s for s in wanted if s not in old]
    if new:
        await conn.execute(
            insert(link), [{"task_id": task_id, "staff_id": s, **(extra or {})} for s in new]
        )
    return old


async def _staff_by_task_id(ctx: Ctx, link: Table, task_ids: Sequence[int]) -> list[list[Row]]:
    require(ctx.principal, GRANT, "get")
    grouped: dict[int, list[Row]] = {i: [] for i in task_ids}
    async with ctx.db.read() as conn:
        rows = await conn.execute(
            select(link.c.task_id, staff)
            .join(staff, staff.c.id == link.c.staff_id)
            .where(link.c.task_id.in_(set(task_ids)), live(staff))
            .order_by(staff.c.id)
        )
        for row in rows:
            values = dict(row._mapping)
            grouped[values.pop("task_id")].append(values)
    return [grouped[i] for i in task_ids]


async def assignees_by_task_id(ctx: Ctx, task_ids: Sequence[int]) -> list[list[Row]]:
    """The live staff assigned to each task, in key order."""
    return await _staff_by_task_id(ctx, assignees, task_ids)


async def followers_by_task_id(ctx: Ctx, task_ids: Sequence[int]) -> list[list[Row]]:
    return await _staff_by_task_id(ctx, followers, task_ids)


class _Person(BaseModel):
    model_config = ConfigDict(extra="forbid")
    staff_id: int


async def _link(ctx: Ctx, task_id: int, staff_id: Any, link: Table, event: str) -> list[int]:
    principal = require(ctx.principal, GRANT, "update")
    person = parse(_Person, {"staff_id": staff_id}).staff_id
    async with ctx.db.write() as conn:
        task = await must_fetch(conn, tasks, task_id, "Task")
        await must_fetch(conn, staff, person, "staff member", "staff_id")
        old = await linked_ids(conn, link, task_id)
        if person in old:
            return old  # nothing written, no event: the first request did it
        extra = {"assigned_by_id": principal.staff_id} if link is assignees else None
        await set_links(conn, link, task_id, [*old, person], extra)
        await events.record(
            conn, ctx, event, task_id, {"staff_id": person}, parent=task_parent(task)
        )
    return sorted([*old, person])


async def _unlink(ctx: Ctx, task_id: int, staff_id: Any, link: Table, event: str) -> list[int]:
    require(ctx.principal, GRANT, "update")
    person = parse(_Person, {"staff_id": staff_id}).staff_id
    async with ctx.db.write() as conn:
        task = await must_fetch(conn, tasks, task_id, "Task")
        old = await linked_ids(conn, link, task_id)
        if person not in old:
            raise NotFound("Task " + ("assignee" if link is assignees else "follower"), person)
        await set_links(conn, link, task_id, [s for s in old if s != person])
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
    return await _link(ctx, task_id, staff_id, assignees, "task.assigned")


async def unassign_task(ctx: Ctx, task_id: int, staff_id: int) -> list[int]:
    return await _unlink(ctx, task_id, staff_id, assignees, "task.unassigned")


async def add_task_follower(ctx: Ctx, task_id: int, staff_id: int) -> list[int]:
    return await _link(ctx, task_id, staff_id, followers, "task.follower_added")


async def remove_task_follower(ctx: Ctx, task_id: int, staff_id: int) -> list[int]:
    return await _unlink(ctx, task_id, staff_id, followers, "task.follower_removed")
