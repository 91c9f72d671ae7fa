"""Projects for a customer: their members, dates, billing and progress."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, Field
from sqlalchemy import case, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import lookups
from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to
from resolvers.core.errors import partly_stored
from resolvers.core.getters import getter
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.records import fetch, insert_row, live, must_fetch, update_row
from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.core.validation import Fields
from resolvers.line_items.documents import added_by
from resolvers.models import Customer, Project, Staff, Task, table_of
from resolvers.projects.common import (
    Amount,
    IdList,
    Tags,
    check_order,
    coded,
    lister,
    settle,
    today,
)
from resolvers.projects.members import MEMBERS, members
from resolvers.reference.codes import PROJECT_BILLING_TYPES as BILLING_TYPES
from resolvers.reference.codes import PROJECT_STATUSES as STATUSES

RESOURCE = "projects"
projects = table_of(Project)
tasks = table_of(Task)

# Perfex's codes, and the names the other documents use for them.
NOT_STARTED, IN_PROGRESS, ON_HOLD, CANCELLED, FINISHED = 1, 2, 3, 4, 5
TASK_COMPLETE = 5

Status = Annotated[int, coded(STATUSES, range(1, 6))]
BillingType = Annotated[int, coded(BILLING_TYPES, range(1, 4))]


class ProjectFields(Fields):
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
    # Staff ids; replaces the member list when given (Perfex's project_members), [] for
    # none, never null.
    members: IdList = []
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
    return settle(values, _NOT_NULL, ("description", "tags"))


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


async def _project_values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, ProjectFields)
    values = _columns(fields)
    if fields.members:
        await lookups.require_ids(ctx, Staff, fields.members, "members")
    if before is None:
        values.setdefault("start_date", today())
    if "customer_id" in values and (
        before is None or values["customer_id"] != before["customer_id"]
    ):
        await must_fetch(conn, table_of(Customer), values["customer_id"], "customer", "customer_id")
    current = {**(before or {}), **values}
    check_order(
        current["start_date"],
        current.get("deadline"),
        "deadline",
        "start_date",
        stored=partly_stored(before, values, "start_date", "deadline"),
    )
    _finish_dates(values, before)
    if before is None:
        if values.get("progress_from_tasks", True):
            values["progress"] = 0
        return {"added_by_id": added_by(ctx), **values}
    if values.get("progress_from_tasks", before["progress_from_tasks"]):
        values["progress"] = await progress_from_tasks(conn, before["id"])
    return values


async def _store(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, values: dict[str, Any], before: Row | None
) -> tuple[Row, dict[str, Any]]:
    """The project and its member list (replaced when given; the event says how)."""
    assert isinstance(fields, ProjectFields)
    if before is None:
        row = await insert_row(conn, projects, values)
    else:
        row = await update_row(conn, projects, before["id"], values) if values else before
    if "members" not in fields.model_fields_set:
        return row, {}
    old = await MEMBERS.replace(conn, row["id"], fields.members)
    new = sorted(set(fields.members))
    return row, ({"members": [old, new]} if old != new and before is not None else {})


PROJECTS = register(
    Resource(
        name=RESOURCE,
        model=Project,
        label="Project",
        search=("name", "description", "tags"),
        verbs=soft_verbs(
            ProjectCreate,
            ProjectFields,
            "project",
            values=_project_values,
            store=_store,
            parent=lambda row: ("customer", row["customer_id"]),
            created=lambda row: {"name": row["name"]},
        ),
    )
)
belongs_to(RESOURCE, "customers", "customer_id")
relate(RESOURCE, "added_by", Relation("staff", "one", "added_by_id"))
relate(RESOURCE, "files", Relation("files", "many", "rel_id", match=(("rel_type", "project"),)))
get_project = getter(PROJECTS, __name__, "get_project")
list_projects = lister(
    PROJECTS, __name__, "customer_id", "status",
    member_id=lambda _, staff_id: projects.c.id.in_(
        select(members.c.project_id).where(members.c.staff_id == staff_id)
    ),
)  # fmt: skip
create_project, update_project, delete_project, restore_project = operations(PROJECTS)
