"""Projects for a customer: their members, dates, billing and progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import case, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import events, lookups, reading
from resolvers.context import Ctx, Row
from resolvers.custom_fields import set_custom_values
from resolvers.errors import Invalid, NotFound
from resolvers.models import Customer, Project, Staff, Task, table_of
from resolvers.pagination import Page, PageArgs
from resolvers.permissions import require
from resolvers.projects.common import Amount, IdList, Tags, check_order, coded, today
from resolvers.projects.members import member_ids, members, set_members
from resolvers.records import changes, fetch, insert_row, live, must_fetch, set_deleted, update_row
from resolvers.resources import Relation, Resource, register, relate
from resolvers.validation import parse

RESOURCE = "projects"
PROJECTS = register(
    Resource(name=RESOURCE, model=Project, label="Project", search=("name", "description", "tags"))
)
relate("customers", "projects", Relation(RESOURCE, "many", "customer_id"))
relate(RESOURCE, "customer", Relation("customers", "one", "customer_id"))
relate(RESOURCE, "added_by", Relation("staff", "one", "added_by_id"))
relate(RESOURCE, "files", Relation("files", "many", "rel_id", match=(("rel_type", "project"),)))

projects = PROJECTS.table
tasks = table_of(Task)

# Perfex's codes, and the names the other documents use for them.
NOT_STARTED, IN_PROGRESS, ON_HOLD, CANCELLED, FINISHED = 1, 2, 3, 4, 5
STATUSES = {
    "not_started": 1,
    "in_progress": 2,
    "on_hold": 3,
    "cancelled": 4,
    "canceled": 4,
    "finished": 5,
    "complete": 5,
    "completed": 5,
}
BILLING_TYPES = {"fixed": 1, "fixed_rate": 1, "project_hours": 2, "task_hours": 3}
TASK_COMPLETE = 5

Status = Annotated[int, coded(STATUSES, range(1, 6))]
BillingType = Annotated[int, coded(BILLING_TYPES, range(1, 4))]


class ProjectFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str | None = Field(default=None, min_length=1, max_length=191)
    description: str | None = Field(default=None, max_length=65_000)
    status: Status | None = None
    customer_id: int | None = None
    billing_type: BillingType | None = None
    start_date: dt.date | None = None
    deadline: dt.date | None = None
    date_finished: dt.date | None = None
    progress: int | None = Field(default=None, ge=0, le=100)
    progress_from_tasks: bool | None = None
    project_cost: Amount | None = None
    project_rate_per_hour: Amount | None = None
    estimated_hours: Amount | None = None
    tags: Tags | None = None
    # Staff ids; replaces the member list when given (Perfex's project_members).
    members: IdList | None = None
    # Custom field values by field id or slug.
    custom_fields: dict[int | str, Any] | None = None


class ProjectCreate(ProjectFields):
    name: str = Field(min_length=1, max_length=191)
    customer_id: int


_NOT_NULL = (
    "name",
    "status",
    "customer_id",
    "billing_type",
    "start_date",
    "progress",
    "progress_from_tasks",
    "project_cost",
    "project_rate_per_hour",
    "estimated_hours",
)


def _columns(data: ProjectFields) -> dict[str, Any]:
    values = data.model_dump(exclude_unset=True, exclude={"members", "custom_fields"})
    for name in _NOT_NULL:
        if name in values and values[name] is None:
            raise Invalid.field(name, "must not be null")
    for name in ("description", "tags"):
        if name in values and values[name] is None:
            values[name] = ""
    return values


def _finish_dates(values: dict[str, Any], before: Row | None) -> None:
    """A project that becomes finished gets its finish date; one reopened loses it."""
    if "status" not in values or (before is not None and before["status"] == values["status"]):
        return
    if values["status"] == FINISHED:
        values.setdefault("date_finished", today())
    elif before is not None:
        values.setdefault("date_finished", None)


async def progress_from_tasks(conn: AsyncConnection, project_id: int) -> int:
    """The share of the project's live tasks that are complete, in whole percent."""
    done = func.sum(case((tasks.c.status == TASK_COMPLETE, 1), else_=0))
    total, finished = (
        await conn.execute(
            select(func.count(), done).where(tasks.c.project_id == project_id, live(tasks))
        )
    ).one()
    return int(finished or 0) * 100 // int(total) if total else 0


async def refresh_progress(conn: AsyncConnection, project_id: int | None) -> None:
    """Called by every task write: keeps a project's progress in step with its tasks."""
    if project_id is None:
        return
    row = await fetch(conn, projects, project_id, deleted=True)
    if row is None or not row["progress_from_tasks"]:
        return
    progress = await progress_from_tasks(conn, project_id)
    if progress != row["progress"]:
        await conn.execute(
            update(projects).where(projects.c.id == project_id).values(progress=progress)
        )


async def get_project(ctx: Ctx, project_id: int) -> Row | None:
    return await reading.get_record(ctx, PROJECTS, project_id)


async def list_projects(
    ctx: Ctx,
    page: PageArgs,
    *,
    customer_id: int | None = None,
    status: int | None = None,
    member_id: int | None = None,
    **query: Any,
) -> Page:
    scope = []
    if customer_id is not None:
        scope.append(projects.c.customer_id == customer_id)
    if status is not None:
        scope.append(projects.c.status == status)
    if member_id is not None:
        scope.append(
            projects.c.id.in_(select(members.c.project_id).where(members.c.staff_id == member_id))
        )
    return await reading.list_records(ctx, PROJECTS, page, scope=scope, **query)


async def create_project(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    principal = require(ctx.principal, RESOURCE, "create")
    fields = parse(ProjectCreate, data)
    values = _columns(fields)
    values.setdefault("start_date", today())
    check_order(values["start_date"], values.get("deadline"), "deadline", "start_date")
    _finish_dates(values, None)
    if values.get("progress_from_tasks", True):
        values["progress"] = 0
    if fields.members:
        await lookups.require_ids(ctx, Staff, fields.members, "members")
    async with ctx.db.write() as conn:
        await must_fetch(conn, table_of(Customer), fields.customer_id, "customer", "customer_id")
        row = await insert_row(conn, projects, {"added_by_id": principal.staff_id, **values})
        await set_members(conn, row["id"], fields.members)
        custom = await set_custom_values(
            conn, ctx, RESOURCE, row["id"], fields.custom_fields or {}, creating=True
        )
        await events.record(
            conn,
            ctx,
            "project.created",
            row["id"],
            {"name": row["name"], **custom},
            parent=("customer", row["customer_id"]),
        )
    return row


async def update_project(ctx: Ctx, project_id: int, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, RESOURCE, "update")
    fields = parse(ProjectFields, data)
    values = _columns(fields)
    if fields.members:
        await lookups.require_ids(ctx, Staff, fields.members, "members")
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, projects, project_id, "Project")
        if "customer_id" in values and values["customer_id"] != before["customer_id"]:
            await must_fetch(
                conn, table_of(Customer), values["customer_id"], "customer", "customer_id"
            )
        start = values.get("start_date", before["start_date"])
        check_order(start, values.get("deadline", before["deadline"]), "deadline", "start_date")
        _finish_dates(values, before)
        if values.get("progress_from_tasks", before["progress_from_tasks"]):
            values["progress"] = await progress_from_tasks(conn, project_id)
        row = await update_row(conn, projects, project_id, values)
        diff: dict[str, Any] = changes(before, values)
        if fields.members is not None:
            old = await member_ids(conn, project_id)
            await set_members(conn, project_id, fields.members)
            new = sorted(set(fields.members))
            if old != new:
                diff["members"] = [old, new]
        diff.update(
            await set_custom_values(conn, ctx, RESOURCE, project_id, fields.custom_fields or {})
        )
        await events.record(
            conn, ctx, "project.updated", project_id, diff, parent=("customer", row["customer_id"])
        )
    return row


async def delete_project(ctx: Ctx, project_id: int) -> Row:
    require(ctx.principal, RESOURCE, "delete")
    async with ctx.db.write() as conn:
        await must_fetch(conn, projects, project_id, "Project")
        row = await set_deleted(conn, projects, project_id, deleted=True)
        await events.record(
            conn, ctx, "project.deleted", project_id, parent=("customer", row["customer_id"])
        )
    return row


async def restore_project(ctx: Ctx, project_id: int) -> Row:
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        if await fetch(conn, projects, project_id, deleted=True) is None:
            raise NotFound("Project", project_id)
        row = await set_deleted(conn, projects, project_id, deleted=False)
        await events.record(
            conn, ctx, "project.restored", project_id, parent=("customer", row["customer_id"])
        )
    return row
