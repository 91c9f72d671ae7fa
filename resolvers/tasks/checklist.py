"""A task's checklist: ordered items that staff tick off; written under tasks:update."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field
from sqlalchemy import func, select

from resolvers.core.children import declare
from resolvers.core.context import Ctx, Row
from resolvers.core.permissions import require
from resolvers.core.records import (
    live,
    must_fetch,
)
from resolvers.core.resources import Relation, Resource, relate
from resolvers.core.validation import Fields, next_position, parse
from resolvers.models import ChecklistItem, Staff, Task, table_of
from resolvers.models.types import utcnow
from resolvers.projects.common import settle

GRANT = "tasks"
UNDER = declare(
    Resource("task_checklist_items", ChecklistItem, "Checklist item", ("description",),
             permission=GRANT),
    ("tasks", Task, "Task"), "task_id", "checklist", "checklist_item",
)  # fmt: skip
CHECKLIST = UNDER.resource
relate(CHECKLIST.name, "assigned", Relation("staff", "one", "assigned_id"))
relate(CHECKLIST.name, "finished_by", Relation("staff", "one", "finished_by_id"))
relate(CHECKLIST.name, "added_by", Relation("staff", "one", "added_by_id"))

items = CHECKLIST.table
tasks = table_of(Task)


class ChecklistFields(Fields):
    description: str | None = Field(default=None, min_length=1, max_length=65_000)
    finished: bool | None = None
    # The staff member this item is for (Perfex's "assigned").
    assigned_id: int | None = None
    list_order: int | None = Field(default=None, ge=0)


class ChecklistCreate(ChecklistFields):
    description: str = Field(min_length=1, max_length=65_000)


def _columns(data: ChecklistFields, finisher: int | None) -> dict[str, Any]:
    values = settle(data.model_dump(exclude_unset=True), ("description", "finished", "list_order"))
    if "finished" in values:
        done = values["finished"]
        values["finished_by_id"] = finisher if done else None
        values["finished_at"] = utcnow() if done else None
    return values


async def list_checklist_items(ctx: Ctx, task_id: int) -> list[Row]:
    """All of a task's live items in their order."""
    return await UNDER.all(ctx, task_id, items.c.list_order, items.c.id)


async def add_checklist_item(ctx: Ctx, task_id: int, data: Mapping[str, Any]) -> Row:
    principal = require(ctx.principal, GRANT, "update")
    fields = parse(ChecklistCreate, data)
    values = _columns(fields, principal.staff_id)
    async with ctx.db.write() as conn:
        task = await must_fetch(conn, tasks, task_id, "Task")
        await must_fetch(conn, table_of(Staff), fields.assigned_id, "staff member", "assigned_id")
        if "list_order" not in values:
            highest = await conn.scalar(
                select(func.max(items.c.list_order)).where(items.c.task_id == task_id, live(items))
            )
            values["list_order"] = next_position(highest)
        values = {"added_by_id": principal.staff_id, **values}
        return await UNDER.insert(conn, ctx, task, values, {"description": values["description"]})


async def update_checklist_item(
    ctx: Ctx, task_id: int, item_id: int, data: Mapping[str, Any]
) -> Row:
    principal = require(ctx.principal, GRANT, "update")
    fields = parse(ChecklistFields, data)
    values = _columns(fields, principal.staff_id)
    async with ctx.db.write() as conn:
        task, before = await UNDER.find(conn, task_id, item_id)
        if values.get("finished") == before["finished"]:
            # Ticking a ticked item again keeps who ticked it and when.
            for name in ("finished", "finished_by_id", "finished_at"):
                values.pop(name, None)
        await must_fetch(conn, table_of(Staff), fields.assigned_id, "staff member", "assigned_id")
        return await UNDER.change(conn, ctx, task, before, values)


async def delete_checklist_item(ctx: Ctx, task_id: int, item_id: int) -> Row:
    return await UNDER.delete(ctx, task_id, item_id)
