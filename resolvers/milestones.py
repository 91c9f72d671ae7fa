"""Milestones of a project: named due dates its tasks are grouped under."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import nulls
from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to
from resolvers.core.getters import getter
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.records import live, must_fetch
from resolvers.core.resources import Resource, register
from resolvers.core.validation import Fields, next_position
from resolvers.models import Milestone, Project, table_of
from resolvers.projects.common import lister, settle

RESOURCE = "milestones"
milestones = table_of(Milestone)


class MilestoneFields(Fields):
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


# A milestone given no order (null, a form's blank) comes first.
nulls.null_reads_as(milestones, "milestone_order", 0)


def _columns(data: MilestoneFields) -> dict[str, Any]:
    required = ("project_id", "name", "due_date", "description_visible_to_customer")
    values = settle(data.model_dump(exclude_unset=True), required, ("description",))
    return nulls.read_as(milestones, values)


async def _next_order(conn: AsyncConnection, project_id: int) -> int:
    highest = await conn.scalar(
        select(func.max(milestones.c.milestone_order)).where(
            milestones.c.project_id == project_id, live(milestones)
        )
    )
    return next_position(highest)


async def _milestone_values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, MilestoneFields)
    values = _columns(fields)
    if "project_id" in values and (before is None or values["project_id"] != before["project_id"]):
        # An unknown project is an invalid field on both transports (not a NotFound).
        await must_fetch(conn, table_of(Project), values["project_id"], "project", "project_id")
    if before is None and "milestone_order" not in values:
        values["milestone_order"] = await _next_order(conn, values["project_id"])
    return values


MILESTONES = register(
    Resource(
        name=RESOURCE,
        model=Milestone,
        label="Milestone",
        search=("name", "description"),
        verbs=soft_verbs(
            MilestoneCreate,
            MilestoneFields,
            "milestone",
            values=_milestone_values,
            parent=lambda row: ("project", row["project_id"]),
            created=lambda row: {"name": row["name"]},
        ),
    )
)
belongs_to(RESOURCE, "projects", "project_id")
get_milestone = getter(MILESTONES, __name__, "get_milestone")
list_milestones = lister(MILESTONES, __name__, "project_id")
create_milestone, update_milestone, delete_milestone, restore_milestone = operations(MILESTONES)
