"""Milestones of a project: named due dates its tasks are grouped under."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import events, reading
from resolvers.context import Ctx, Row
from resolvers.errors import Invalid, NotFound
from resolvers.models import Milestone, Project, table_of
from resolvers.pagination import Page, PageArgs
from resolvers.permissions import require
from resolvers.projects.common import must_exist, rows_by_key
from resolvers.records import changes, fetch, insert_row, live, must_fetch, set_deleted, update_row
from resolvers.resources import Relation, Resource, register, relate
from resolvers.validation import parse

RESOURCE = "milestones"
MILESTONES = register(
    Resource(name=RESOURCE, model=Milestone, label="Milestone", search=("name", "description"))
)
relate("projects", "milestones", Relation(RESOURCE, "many", "project_id"))
relate(RESOURCE, "project", Relation("projects", "one", "project_id"))

milestones = MILESTONES.table


class MilestoneFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    project_id: int | None = None
    name: str | None = Field(default=None, min_length=1, max_length=191)
    description: str | None = Field(default=None, max_length=65_000)
    description_visible_to_customer: bool | None = None
    due_date: dt.date | None = None
    color: str | None = Field(default=None, max_length=10)
    milestone_order: int | None = Field(default=None, ge=0)


class MilestoneCreate(MilestoneFields):
    project_id: int
    name: str = Field(min_length=1, max_length=191)
    due_date: dt.date


def _columns(data: MilestoneFields) -> dict[str, Any]:
    values = data.model_dump(exclude_unset=True)
    for name in ("project_id", "name", "due_date", "description_visible_to_customer"):
        if name in values and values[name] is None:
            raise Invalid.field(name, "must not be null")
    if values.get("description", "") is None:
        values["description"] = ""
    if values.get("milestone_order", 0) is None:
        values["milestone_order"] = 0
    return values


async def _next_order(conn: AsyncConnection, project_id: int) -> int:
    highest = await conn.scalar(
        select(func.max(milestones.c.milestone_order)).where(
            milestones.c.project_id == project_id, live(milestones)
        )
    )
    return int(highest or 0) + 1


async def get_milestone(ctx: Ctx, milestone_id: int) -> Row | None:
    return await reading.get_record(ctx, MILESTONES, milestone_id)


async def list_milestones(
    ctx: Ctx, page: PageArgs, *, project_id: int | None = None, **query: Any
) -> Page:
    scope = [] if project_id is None else [milestones.c.project_id == project_id]
    return await reading.list_records(ctx, MILESTONES, page, scope=scope, **query)


async def milestones_by_project_id(ctx: Ctx, project_ids: Sequence[int]) -> list[list[Row]]:
    """Each project's milestones in their order, in key order."""
    return await rows_by_key(
        ctx,
        RESOURCE,
        milestones,
        milestones.c.project_id,
        project_ids,
        milestones.c.milestone_order,
        milestones.c.id,
    )


async def create_milestone(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, RESOURCE, "create")
    fields = parse(MilestoneCreate, data)
    values = _columns(fields)
    async with ctx.db.write() as conn:
        await must_exist(conn, table_of(Project), fields.project_id, "project_id", "project")
        if "milestone_order" not in values:
            values["milestone_order"] = await _next_order(conn, fields.project_id)
        row = await insert_row(conn, milestones, values)
        await events.record(
            conn,
            ctx,
            "milestone.created",
            row["id"],
            {"name": row["name"]},
            parent=("project", row["project_id"]),
        )
    return row


async def update_milestone(ctx: Ctx, milestone_id: int, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, RESOURCE, "update")
    values = _columns(parse(MilestoneFields, data))
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, milestones, milestone_id, "Milestone")
        if values.get("project_id", before["project_id"]) != before["project_id"]:
            await must_exist(conn, table_of(Project), values["project_id"], "project_id", "project")
        row = await update_row(conn, milestones, milestone_id, values) if values else before
        await events.record(
            conn,
            ctx,
            "milestone.updated",
            milestone_id,
            changes(before, values),
            parent=("project", row["project_id"]),
        )
    return row


async def delete_milestone(ctx: Ctx, milestone_id: int) -> Row:
    require(ctx.principal, RESOURCE, "delete")
    async with ctx.db.write() as conn:
        await must_fetch(conn, milestones, milestone_id, "Milestone")
        row = await set_deleted(conn, milestones, milestone_id, deleted=True)
        await events.record(
            conn, ctx, "milestone.deleted", milestone_id, parent=("project", row["project_id"])
        )
    return row


async def restore_milestone(ctx: Ctx, milestone_id: int) -> Row:
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        if await fetch(conn, milestones, milestone_id, deleted=True) is None:
            raise NotFound("Milestone", milestone_id)
        row = await set_deleted(conn, milestones, milestone_id, deleted=False)
        await events.record(
            conn, ctx, "milestone.restored", milestone_id, parent=("project", row["project_id"])
        )
    return row
