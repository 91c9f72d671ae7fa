"""Projects, milestones, tasks (and their checklists) and timesheets in Perfex's
names."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from resolvers import milestones, projects, tasks, timesheets
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.tasks.checklist import ChecklistFields
from rest_compat.perfex import neighbours
from rest_compat.perfex.bodies import optional, reference
from rest_compat.perfex.formats import amount, day, day_time, ref, stamp, yes
from rest_compat.perfex.neighbours import CustomValue
from rest_compat.renames import FieldMap, flag


def project_rel(value: Any) -> Mapping[str, Any]:
    """Projects here always belong to a customer (Perfex's rel_type "customer")."""
    if str(value).strip().lower() not in ("", "customer"):
        raise Invalid.field("rel_type", "a project belongs to a customer: use customer")
    return {}


PROJECT_IN = FieldMap(
    fields={
        "clientid": "customer_id",
        "rel_type": project_rel,
        "project_members": "members",
        "progress_from_tasks": flag("progress_from_tasks"),
        **{
            name: optional(name)
            for name in (
                "start_date",
                "deadline",
                "progress",
                "project_cost",
                "project_rate_per_hour",
                "estimated_hours",
            )
        },
    },  # fmt: skip
    ignore=frozenset({"id", "project_created", "addedfrom", "customfields"}),
    model=projects.ProjectFields,
    required=("name", "rel_type", "clientid", "billing_type", "start_date", "status"),
)


class Project(TypedDict):
    """A project as Perfex reads it."""

    id: str
    name: str
    description: str
    status: str
    clientid: str
    billing_type: str
    start_date: str | None
    deadline: str | None
    project_created: str | None
    date_finished: str | None
    progress: str
    progress_from_tasks: str
    project_cost: str | None
    project_rate_per_hour: str | None
    estimated_hours: str | None
    addedfrom: str
    rel_type: str
    tags: str
    customfields: list[CustomValue]


async def projects_shown(ctx: Ctx, rows: Sequence[Row]) -> list[Project]:
    custom = await neighbours.custom_values(ctx, "projects", [r["id"] for r in rows])
    return [
        {
            "id": str(r["id"]),
            "name": r["name"],
            "description": r["description"],
            "status": str(r["status"]),
            "clientid": str(r["customer_id"]),
            "billing_type": str(r["billing_type"]),
            "start_date": day(r["start_date"]),
            "deadline": day(r["deadline"]),
            "project_created": day(r["created_at"]),
            "date_finished": day(r["date_finished"]),
            "progress": str(r["progress"]),
            "progress_from_tasks": yes(r["progress_from_tasks"]),
            "project_cost": amount(r["project_cost"]),
            "project_rate_per_hour": amount(r["project_rate_per_hour"]),
            "estimated_hours": amount(r["estimated_hours"]),
            "addedfrom": ref(r["added_by_id"]),
            "rel_type": "customer",
            "tags": r["tags"],
            "customfields": custom.get(r["id"], []),
        }
        for r in rows
    ]


MILESTONE_IN = FieldMap(
    fields={
        "due_date": optional("due_date"),
        "description_visible_to_customer": flag("description_visible_to_customer"),
        "milestone_order": optional("milestone_order"),
    },
    ignore=frozenset({"id", "datecreated", "total_tasks", "total_finished_tasks"}),
    model=milestones.MilestoneFields,
    required=("project_id", "name", "due_date"),
)


class Milestone(TypedDict):
    """A milestone as Perfex reads it, with its task counts."""

    id: str
    name: str
    description: str
    description_visible_to_customer: str
    due_date: str | None
    project_id: str
    color: str | None
    milestone_order: str
    datecreated: str | None
    total_tasks: str
    total_finished_tasks: str


async def milestones_shown(ctx: Ctx, rows: Sequence[Row]) -> list[Milestone]:
    counts = await neighbours.children(
        ctx, tasks.task_counts_by_milestone_id, [r["id"] for r in rows]
    )
    empty = {"total_tasks": 0, "total_finished_tasks": 0}
    return [
        {
            "id": str(r["id"]),
            "name": r["name"],
            "description": r["description"],
            "description_visible_to_customer": yes(r["description_visible_to_customer"]),
            "due_date": day(r["due_date"]),
            "project_id": str(r["project_id"]),
            "color": r["color"],
            "milestone_order": str(r["milestone_order"]),
            "datecreated": day(r["created_at"]),
            "total_tasks": str((counts.get(r["id"]) or empty)["total_tasks"]),
            "total_finished_tasks": str((counts.get(r["id"]) or empty)["total_finished_tasks"]),
        }
        for r in rows
    ]


TASK_IN = FieldMap(
    fields={
        "startdate": optional("start_date"),
        "duedate": optional("due_date"),
        "milestone": reference("milestone_id"),
        "rel_id": reference("rel_id"),
        "is_public": flag("is_public"),
        "billable": flag("billable"),
        "visible_to_client": flag("visible_to_client"),
        **{
            name: optional(name)
            for name in ("hourly_rate", "cycles", "repeat_every_custom", "repeat_type_custom")
        },
    },  # fmt: skip
    ignore=frozenset(
        {
            "id",
            "dateadded",
            "datefinished",
            "addedfrom",
            "is_added_from_contact",
            "recurring",
            "recurring_type",
            "is_recurring_from",
            "total_cycles",
            "custom_recurring",
            "last_recurring_date",
            "billed",
            "invoice_id",
            "kanban_order",
            "milestone_order",
            "deadline_notified",
            "customfields",
            "assignees_ids",
        }
    ),  # fmt: skip
    model=tasks.TaskFields,
    required=("name", "startdate", "rel_type"),
)


class Task(TypedDict):
    """A task as Perfex reads it."""

    id: str
    name: str
    description: str
    priority: str
    dateadded: str
    startdate: str | None
    duedate: str | None
    datefinished: str | None
    addedfrom: str
    is_added_from_contact: str
    status: str
    recurring_type: str | None
    repeat_every: str
    recurring: str
    is_recurring_from: None
    cycles: str
    total_cycles: str
    custom_recurring: str
    last_recurring_date: None
    rel_id: str | None
    rel_type: str | None
    is_public: str
    billable: str
    billed: str
    invoice_id: str
    hourly_rate: str | None
    milestone: str
    kanban_order: str
    milestone_order: str
    visible_to_client: str
    deadline_notified: str
    tags: str


class TaskShown(Task):
    """A task with its assignees and custom fields (its reads and searches)."""

    assignees_ids: list[str]
    customfields: list[CustomValue]


def task(row: Row) -> Task:
    every, _, unit = str(row["repeat_every"] or "").partition("-")
    return {
        "id": str(row["id"]),
        "name": row["name"],
        "description": row["description"],
        "priority": str(row["priority"]),
        "dateadded": stamp(row["created_at"]),
        "startdate": day_time(row["start_date"]),
        "duedate": day_time(row["due_date"]),
        "datefinished": stamp(row["completed_at"]),
        "addedfrom": ref(row["added_by_id"]),
        "is_added_from_contact": "0",
        "status": str(row["status"]),
        "recurring_type": unit or None,
        "repeat_every": every or "0",
        "recurring": yes(bool(unit)),
        "is_recurring_from": None,
        "cycles": str(row["cycles"]),
        "total_cycles": str(row["total_cycles"]),
        "custom_recurring": "0",
        "last_recurring_date": None,
        "rel_id": None if row["rel_id"] is None else str(row["rel_id"]),
        "rel_type": row["rel_type"] or None,
        "is_public": yes(row["is_public"]),
        "billable": yes(row["billable"]),
        "billed": "0",
        "invoice_id": "0",
        "hourly_rate": amount(row["hourly_rate"]),
        "milestone": ref(row["milestone_id"]),
        "kanban_order": "0",
        "milestone_order": "0",
        "visible_to_client": yes(row["visible_to_client"]),
        "deadline_notified": "0",
        "tags": row["tags"],
    }


async def tasks_shown(ctx: Ctx, rows: Sequence[Row]) -> list[TaskShown]:
    ids = [r["id"] for r in rows]
    people, custom = await asyncio.gather(
        neighbours.children(ctx, tasks.assignees_by_task_id, ids),
        neighbours.custom_values(ctx, "tasks", ids),
    )
    return [
        {**task(r), "assignees_ids": [str(s["id"]) for s in people.get(r["id"], [])],
         "customfields": custom.get(r["id"], [])}
        for r in rows
    ]  # fmt: skip


CHECKLIST_IN = FieldMap(
    fields={"assigned": reference("assigned_id"), "finished": flag("finished")},
    ignore=frozenset({"id", "taskid", "task_id", "dateadded", "addedfrom", "finished_from"}),
    model=ChecklistFields,
    required=("description",),
)


class ChecklistItem(TypedDict):
    """A task's checklist item as Perfex reads it."""

    id: str
    taskid: str
    description: str
    finished: str
    dateadded: str
    addedfrom: str
    finished_from: str
    list_order: str
    assigned: str


def checklist_item(row: Row) -> ChecklistItem:
    return {
        "id": str(row["id"]),
        "taskid": str(row["task_id"]),
        "description": row["description"],
        "finished": yes(row["finished"]),
        "dateadded": stamp(row["created_at"]),
        "addedfrom": ref(row["added_by_id"]),
        "finished_from": ref(row["finished_by_id"]),
        "list_order": str(row["list_order"]),
        "assigned": ref(row["assigned_id"]),
    }


async def checklist_shown(ctx: Ctx, rows: Sequence[Row]) -> list[ChecklistItem]:
    return [checklist_item(r) for r in rows]


TIMESHEET_IN = FieldMap(
    fields={name: optional(name) for name in ("start_time", "end_time", "hourly_rate")},
    ignore=frozenset({"id", "timer_id"}),
    model=timesheets.TimesheetFields,
    required=("task_id", "staff_id", "start_time"),
)


class Timesheet(TypedDict):
    """A timesheet as Perfex reads it."""

    id: str
    task_id: str
    start_time: str
    end_time: str | None
    staff_id: str
    hourly_rate: str | None
    note: str


async def timesheets_shown(ctx: Ctx, rows: Sequence[Row]) -> list[Timesheet]:
    return [
        {
            "id": str(r["id"]),
            "task_id": str(r["task_id"]),
            "start_time": stamp(r["start_time"]),
            "end_time": stamp(r["end_time"]),
            "staff_id": str(r["staff_id"]),
            "hourly_rate": amount(r["hourly_rate"]),
            "note": r["note"],
        }
        for r in rows
    ]
