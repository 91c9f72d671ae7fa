"""Tasks: the record, its timesheets, comments, files, checklist and people, and the
actions on it (assign, status, priority, mark complete)."""

from __future__ import annotations

from resolvers import tasks, timesheets
from resolvers.core.context import Ctx, Row
from resolvers.core.permissions import may_read
from resolvers.core.records import must_exist
from resolvers.tasks import TaskFields
from rest_compat.readers import path_id
from rest_compat.v1.fields.tasks import (
    CHECKLIST_ITEM,
    COMMENT,
    TASK_IN,
    StaffId,
    StaffMember,
    staff_member,
    task,
)
from rest_compat.v1.fields.timesheets import TIMESHEET
from rest_compat.v1.routes.common import (
    SEARCH,
    Parent,
    Q,
    id_and_value,
    listing,
    params,
    record,
    shaped,
)
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows

FILTERS = (
    Q("rel_type"),
    Q("rel_id", "integer"),
    Q("project_id", "integer"),
    Q("customer_id", "integer"),
    Q("milestone_id", "integer"),
    Q("status", "integer", description="1 not started ... 5 complete"),
    Q("priority", "integer", description="1 low ... 4 urgent"),
    Q("staff_id", "integer", "assignee_id", "Tasks assigned to this staff member"),
    SEARCH,
)
TIMESHEET_FILTERS = (Q("staff_id", "integer"), Q("date_from", "date"), Q("date_to", "date"))
get = tasks.get_task
TASK = Parent("/api/v1/tasks", get, "Task")


async def assign(ctx: Ctx, task_id: int, staff_id: int) -> Row | None:
    """Add the assignee; the reply is the task with its assignees."""
    await tasks.assign_task(ctx, task_id, staff_id)
    return await get(ctx, task_id)


async def followers(ctx: Ctx, task_id: int) -> list[Row]:
    must_exist(await get(ctx, task_id), "Task", task_id)
    found: list[Row] = await ctx.loader(tasks.followers_by_task_id).load(task_id)
    return found


async def staff_shape(ctx: Ctx, row: Row) -> StaffMember | StaffId:
    # Who follows is the task's; their names and emails are staff records.
    if not may_read(ctx.principal, "staff"):
        return {"id": row["id"]}
    return staff_member(row)


ROUTES = [
    *crud_rows("/api/v1/tasks", Noun("task"),
               Crud(tasks.list_tasks, tasks.create_task, get, tasks.update_task, tasks.delete_task),
               task, TASK_IN, FILTERS),
    TASK.under("timesheets", timesheets.list_timesheets, "task_id", shaped(TIMESHEET),
               "List timesheets for a task", *TIMESHEET_FILTERS),
    TASK.list("comments", tasks.list_task_comments, shaped(COMMENT), "List comments for a task"),
    TASK.row("POST", "assign", assign, id_and_value("staff_id", int), record(task),
             "Assign task to a staff member"),
    TASK.row("PUT", "status", tasks.set_task_status, id_and_value("status", model=TaskFields),
             record(task), "Update task status"),
    TASK.row("POST", "mark-complete", tasks.mark_task_complete, path_id(), record(task),
             "Mark task as complete"),
    TASK.files("attachments", "List attachments for a task"),
    TASK.row("GET", "checklist", tasks.list_checklist_items, path_id(),
             listing(shaped(CHECKLIST_ITEM)), "List checklist items for a task", query=params()),
    TASK.row("PUT", "priority", tasks.set_task_priority,
             id_and_value("priority", model=TaskFields), record(task), "Set task priority"),
    TASK.row("GET", "followers", followers, path_id(), listing(staff_shape),
             "List followers for a task", query=params()),
]  # fmt: skip
