"""Projects, milestones, tasks (and their checklists) and timesheets in Perfex's
names."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

from resolvers import milestones, projects, tasks, timesheets
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.tasks.checklist import ChecklistFields
from rest_compat.perfex import neighbours
from rest_compat.perfex.bodies import optional, reference
from rest_compat.perfex.formats import PERFEX, yes
from rest_compat.perfex.neighbours import CustomValue
from rest_compat.records import Field, batch_of, const, given, rows_of
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


# A project as Perfex reads it.
PROJECT = PERFEX.record(
    "Project",
    "id:str name description status:str clientid=customer_id:str billing_type:str"
    " start_date:day deadline:day project_created=created_at:day date_finished:day"
    " progress:str progress_from_tasks:yes project_cost:amount project_rate_per_hour:amount"
    " estimated_hours:amount addedfrom=added_by_id:ref", const("rel_type", "customer"),
    "tags", given("customfields", list[CustomValue]),
)  # fmt: skip
projects_shown = neighbours.with_custom(PROJECT, "projects")


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


# A milestone as Perfex reads it, with its task counts.
MILESTONE = PERFEX.record(
    "Milestone",
    "id:str name description description_visible_to_customer:yes due_date:day project_id:str"
    " color? milestone_order:str datecreated=created_at:day",
    given("total_tasks", str), given("total_finished_tasks", str),
)  # fmt: skip
_NO_TASKS = {"total_tasks": 0, "total_finished_tasks": 0}


async def _milestones_shown(ctx: Ctx, rows: Sequence[Row]) -> list[dict[str, Any]]:
    counts = await neighbours.children(
        ctx, tasks.task_counts_by_milestone_id, [r["id"] for r in rows]
    )
    return [MILESTONE(r, **{k: str((counts.get(r["id"]) or _NO_TASKS)[k]) for k in _NO_TASKS})
            for r in rows]  # fmt: skip


milestones_shown = batch_of(MILESTONE, _milestones_shown)


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


def _repeat(row: Row) -> tuple[str, str]:
    """`repeat_every` is stored "N-unit": (N, unit)."""
    every, _, unit = str(row["repeat_every"] or "").partition("-")
    return every, unit


# A task as Perfex reads it.
TASK = PERFEX.record(
    "Task",
    "id:str name description priority:str dateadded=created_at:stamp"
    " startdate=start_date:day_time duedate=due_date:day_time datefinished=completed_at:stamp?"
    " addedfrom=added_by_id:ref", const("is_added_from_contact", "0"), "status:str",
    Field("recurring_type", str | None, lambda row: _repeat(row)[1] or None),
    Field("repeat_every", str, lambda row: _repeat(row)[0] or "0"),
    Field("recurring", str, lambda row: yes(bool(_repeat(row)[1]))),
    "is_recurring_from:null cycles:str total_cycles:str", const("custom_recurring", "0"),
    "last_recurring_date:null rel_id:text rel_type:or_none is_public:yes billable:yes",
    const("billed", "0"), const("invoice_id", "0"),
    "hourly_rate:amount milestone=milestone_id:ref", const("kanban_order", "0"),
    const("milestone_order", "0"), "visible_to_client:yes", const("deadline_notified", "0"),
    "tags",
)  # fmt: skip
# A task with its assignees and custom fields (its reads and searches).
TASK_SHOWN = PERFEX.record(
    "TaskShown", TASK, given("assignees_ids", list[str]), given("customfields", list[CustomValue])
)


async def _tasks_shown(ctx: Ctx, rows: Sequence[Row]) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    people, custom = await asyncio.gather(
        neighbours.children(ctx, tasks.assignees_by_task_id, ids),
        neighbours.custom_values(ctx, "tasks", ids),
    )
    return [
        {**TASK(r), "assignees_ids": [str(s["id"]) for s in people.get(r["id"], [])],
         "customfields": custom.get(r["id"], [])}
        for r in rows
    ]  # fmt: skip


tasks_shown = batch_of(TASK_SHOWN, _tasks_shown)


CHECKLIST_IN = FieldMap(
    fields={"assigned": reference("assigned_id"), "finished": flag("finished")},
    ignore=frozenset({"id", "taskid", "task_id", "dateadded", "addedfrom", "finished_from"}),
    model=ChecklistFields,
    required=("description",),
)


# A task's checklist item as Perfex reads it.
CHECKLIST_ITEM = PERFEX.record(
    "ChecklistItem",
    "id:str taskid=task_id:str description finished:yes dateadded=created_at:stamp"
    " addedfrom=added_by_id:ref finished_from=finished_by_id:ref list_order:str"
    " assigned=assigned_id:ref",
)
checklist_shown = rows_of(CHECKLIST_ITEM)


TIMESHEET_IN = FieldMap(
    fields={name: optional(name) for name in ("start_time", "end_time", "hourly_rate")},
    ignore=frozenset({"id", "timer_id"}),
    model=timesheets.TimesheetFields,
    required=("task_id", "staff_id", "start_time"),
)


# A timesheet as Perfex reads it.
TIMESHEET = PERFEX.record(
    "Timesheet",
    "id:str task_id:str start_time:stamp end_time:stamp? staff_id:str hourly_rate:amount note",
)
timesheets_shown = rows_of(TIMESHEET)
