"""Tasks: what they hang off (rel_type/rel_id), their dates, status, priority and people."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import lookups
from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to, joined_by
from resolvers.core.errors import NotFound, partly_stored
from resolvers.core.getters import getter
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.permissions import require
from resolvers.core.records import fetch, insert_row, live, update_row
from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.line_items.documents import added_by
from resolvers.models import Staff, Task, TaskAssignee, TaskFollower, table_of
from resolvers.models.types import utcnow
from resolvers.projects import refresh_progress
from resolvers.projects.common import check_order, lister, today
from resolvers.tasks.people import ASSIGNEES, FOLLOWERS, assignees, task_parent
from resolvers.tasks.rules import (
    COMPLETE,
    REL_ALIASES,
    TaskCreate,
    TaskFields,
    check_references,
    columns,
    relation,
)

RESOURCE = "tasks"
tasks = table_of(Task)


async def task_counts_by_milestone_id(
    ctx: Ctx, milestone_ids: Sequence[int]
) -> list[dict[str, int]]:
    """{"total_tasks", "total_finished_tasks"} of each milestone, in key order (Perfex)."""
    require(ctx.principal, RESOURCE, "get")
    done = func.sum(case((tasks.c.status == COMPLETE, 1), else_=0))
    async with ctx.db.read() as conn:
        rows = await conn.execute(
            select(tasks.c.milestone_id, func.count(), done)
            .where(tasks.c.milestone_id.in_(set(milestone_ids)), live(tasks))
            .group_by(tasks.c.milestone_id)
        )
        counts = {
            r[0]: {"total_tasks": int(r[1]), "total_finished_tasks": int(r[2] or 0)} for r in rows
        }
    empty = {"total_tasks": 0, "total_finished_tasks": 0}
    return [counts.get(i, empty) for i in milestone_ids]


async def _task_values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, TaskFields)
    values = columns(fields)
    values.update(relation(fields.model_dump(exclude_unset=True), before))
    await lookups.require_ids(ctx, Staff, fields.assignees, "assignees")
    await lookups.require_ids(ctx, Staff, fields.followers, "followers")
    if before is None:
        # Without a start date a task starts today, or on its due date if that has passed:
        # a client that sends only a due date must not be refused for a date it never gave.
        if values.get("start_date") is None:
            due = values.get("due_date")
            values["start_date"] = min(today(), due) if due is not None else today()
        if values.get("status") == COMPLETE:
            values["completed_at"] = utcnow()
    current = {**(before or {}), **values}
    check_order(
        current["start_date"],
        current.get("due_date"),
        "due_date",
        "start_date",
        stored=partly_stored(before, values, "start_date", "due_date"),
    )
    if before is not None:
        _completion(values, before)
    await check_references(conn, values, before or {})
    if before is None:
        return {"added_by_id": added_by(ctx), **values}
    return values


async def _store(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, values: dict[str, Any], before: Row | None
) -> tuple[Row, dict[str, Any]]:
    """The task, its assignees and followers (replaced when given), and its project's
    progress."""
    assert isinstance(fields, TaskFields)
    if before is None:
        row = await insert_row(conn, tasks, values)
    else:
        row = await update_row(conn, tasks, before["id"], values) if values else before
    diff: dict[str, Any] = {}
    for name, link in (("assignees", ASSIGNEES), ("followers", FOLLOWERS)):
        wanted = getattr(fields, name)
        if name not in fields.model_fields_set:
            continue
        extra = {"assigned_by_id": added_by(ctx)} if link is ASSIGNEES else None
        old = await link.replace(conn, row["id"], wanted, extra)
        if before is not None and old != sorted(set(wanted)):
            diff[name] = [old, sorted(set(wanted))]
    await refresh_progress(conn, row["project_id"])
    if before is not None and row["project_id"] != before["project_id"]:
        await refresh_progress(conn, before["project_id"])
    return row, diff


async def _progress(conn: AsyncConnection, ctx: Ctx, row: Row) -> None:
    await refresh_progress(conn, row["project_id"])


async def _updated(conn: AsyncConnection, before: Row, row: Row) -> str:
    return "completed" if row["status"] == COMPLETE and before["status"] != COMPLETE else "updated"


def _completion(values: dict[str, Any], before: Row) -> bool:
    """Stamp or clear completed_at as the status crosses "complete"; True when it completes."""
    status = values.get("status", before["status"])
    if status == COMPLETE and before["status"] != COMPLETE:
        values["completed_at"] = utcnow()
        return True
    if status != COMPLETE and before["status"] == COMPLETE:
        values["completed_at"] = None
    return False


TASKS = register(
    Resource(
        name=RESOURCE,
        model=Task,
        label="Task",
        search=("name", "description", "tags"),
        verbs=soft_verbs(
            TaskCreate,
            TaskFields,
            "task",
            values=_task_values,
            store=_store,
            after_toggle=_progress,
            parent=task_parent,
            created=lambda row: {"name": row["name"]},
            updated=_updated,
        ),
    )
)
belongs_to(RESOURCE, "projects", "project_id")
belongs_to(RESOURCE, "customers", "customer_id")
belongs_to(RESOURCE, "milestones", "milestone_id")
joined_by(RESOURCE, "assignees", "staff", "tasks", TaskAssignee, ("task_id", "staff_id"))
joined_by(RESOURCE, "followers", "staff", "followed_tasks", TaskFollower, ("task_id", "staff_id"))
relate(RESOURCE, "added_by", Relation("staff", "one", "added_by_id"))
relate(RESOURCE, "attachments", Relation("files", "many", "rel_id", match=(("rel_type", "task"),)))

get_task = getter(TASKS, __name__, "get_task")
list_tasks = lister(
    TASKS, __name__, "project_id", "customer_id", "milestone_id", "rel_id", "status", "priority",
    rel_type=lambda _, rel_type: tasks.c.rel_type == REL_ALIASES.get(rel_type, rel_type),
    assignee_id=lambda _, staff_id: tasks.c.id.in_(
        select(assignees.c.task_id).where(assignees.c.staff_id == staff_id)
    ),
)  # fmt: skip
create_task, update_task, delete_task, restore_task = operations(TASKS)


async def set_task_status(ctx: Ctx, task_id: int, status: int | str) -> Row:
    return await update_task(ctx, task_id, {"status": status})


async def set_task_priority(ctx: Ctx, task_id: int, priority: int | str) -> Row:
    return await update_task(ctx, task_id, {"priority": priority})


async def mark_task_complete(ctx: Ctx, task_id: int) -> Row:
    """Status complete with its completion time; a task already complete is left as it is."""
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.read() as conn:
        row = await fetch(conn, tasks, task_id)
    if row is None:
        raise NotFound("Task", task_id)
    if row["status"] == COMPLETE:
        return row
    return await update_task(ctx, task_id, {"status": COMPLETE})
