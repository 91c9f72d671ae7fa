"""perfex rows for projects, milestones, tasks and their checklists, timesheets and
tickets."""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.responses import Response

from resolvers import files, milestones, projects, tasks, tickets, timesheets
from rest_compat.perfex import support, work
from rest_compat.perfex.bodies import change, create, data_of
from rest_compat.perfex.listing import (
    PAGING,
    every,
    everything,
    keywords,
    numbered,
    numbered_search,
    paged,
)
from rest_compat.perfex.replies import (
    NO_DATA,
    Refused,
    many,
    needs_data,
    not_added,
    not_updated,
    one,
    refusal,
    refusing,
    wrote,
)
from rest_compat.readers import path_id
from rest_compat.routing import Args, Call
from rest_compat.routing import Endpoint as R

NO_CHECKLIST = "Task not found or no checklist items"


def checklist_refused(call: Call, refused: Refused) -> Response:
    """The checklist rows answer a missing description with 400 "Description is required"."""
    errors = getattr(refused.error, "errors", {})
    message = "Description is required" if "description" in errors else None
    return refusal(call, refused, statuses={"INVALID": 400}, message=message)


async def two_ids(call: Call) -> Args:
    return (call.id("task_id", "Task"), call.id("item_id", "Checklist item")), {}


async def two_ids_and_body(call: Call) -> Args:
    (task_id, item_id), _ = await two_ids(call)
    return (task_id, item_id, await data_of(call)), {}


async def reply_and_files(call: Call) -> Args:
    """A reply's form; the files it carries (`file`, `file[]`) become attachments."""
    sent = call.body.get("file")
    parts = sent if isinstance(sent, list) else [sent]
    uploads = [
        files.Upload(p.filename or "attachment", p.content_type, p)
        for p in parts
        if isinstance(p, UploadFile)
    ]
    if uploads or "file" in call.body:
        call.body = {k: v for k, v in call.body.items() if k != "file"}
    ticket_id = call.id("id", "Ticket")
    return (ticket_id, await data_of(call), uploads), {}


ROUTES = [
    # Projects
    R("POST", "/api/projects", projects.create_project, create(),
      wrote("Project add successful."), "Projects – Add New Project",
      fields=work.PROJECT_IN, fail="Project add fail."),
    R("DELETE", "/api/delete/projects/{id}", projects.delete_project, path_id(),
      wrote("Project Delete Successful."), "Projects – Delete a Project",
      fail="Project Delete Fail.", label="Project"),
    R("GET", "/api/projects/{id}", projects.get_project, path_id(), one(work.projects_shown),
      "Projects – Request project information", fail=NO_DATA, label="Project"),
    R("GET", "/api/projects/search/{keysearch}", every(projects.list_projects), keywords,
      many(work.projects_shown), "Projects – Search Project Information", fail=NO_DATA),
    R("PUT", "/api/projects/{id}", projects.update_project, change(),
      wrote("Project Update Successful."), "Projects – Update a project",
      fields=work.PROJECT_IN, fail="Project Update Fail.", label="Project"),
    # Milestones
    R("POST", "/api/milestones", milestones.create_milestone, create(),
      wrote("Milestone add successful."), "Milestones – Add New Milestone",
      fields=work.MILESTONE_IN, fail="Milestone add fail."),
    R("DELETE", "/api/delete/milestones/{id}", milestones.delete_milestone, path_id(),
      wrote("Milestone Delete Successful."), "Milestones – Delete a Milestone",
      fail="Milestone Delete Fail.", label="Milestone"),
    R("GET", "/api/milestones/{id}", milestones.get_milestone, path_id(),
      one(work.milestones_shown), "Milestones – Request Milestones information", fail=NO_DATA,
      label="Milestone"),
    R("GET", "/api/milestones/search/{keysearch}", every(milestones.list_milestones), keywords,
      many(work.milestones_shown), "Milestones – Search Milestones Information", fail=NO_DATA),
    R("PUT", "/api/milestones/{id}", milestones.update_milestone, change(),
      wrote("Milestone Update Successful."), "Milestones – Update a Milestone",
      fields=work.MILESTONE_IN, fail="Milestone Update Fail.", label="Milestone"),
    # Tasks
    R("POST", "/api/tasks", tasks.create_task, create(), wrote("Task add successful."),
      "Tasks – Add New Task", fields=work.TASK_IN, fail="Task add fail."),
    R("DELETE", "/api/delete/tasks/{id}", tasks.delete_task, path_id(),
      wrote("Task Delete Successful."), "Tasks – Delete a Task", fail="Task Delete Fail.",
      label="Task"),
    R("GET", "/api/tasks/{id}", tasks.get_task, path_id(), one(work.tasks_shown),
      "Tasks – Request Task information", fail=NO_DATA, label="Task"),
    R("GET", "/api/tasks/search/{keysearch}", every(tasks.list_tasks), keywords,
      many(work.tasks_shown), "Tasks – Search Tasks Information", fail=NO_DATA),
    R("PUT", "/api/tasks/{id}", tasks.update_task, change(), wrote("Task Update Successful."),
      "Tasks – Update a task", fields=work.TASK_IN, fail="Task Update Fail.", label="Task"),
    # A task's checklist
    R("POST", "/api/tasks/{id}/checklist", refusing(tasks.add_checklist_item), change(),
      wrote("Checklist item added successfully", id_key="checklist_item_id",
            refused=checklist_refused),
      "Tasks – Add Checklist Item to Task", fields=work.CHECKLIST_IN, fail="Task not found",
      label="Task"),
    R("DELETE", "/api/tasks/{task_id}/checklist/{item_id}", tasks.delete_checklist_item,
      two_ids, wrote("Checklist item deleted successfully"), "Tasks – Delete Checklist Item",
      fail="Checklist item not found"),
    R("GET", "/api/tasks/{id}/checklist", tasks.list_checklist_items, path_id(),
      many(work.checklist_shown, missing=NO_CHECKLIST),
      "Tasks – Get Task Checklist Items", fail=NO_CHECKLIST, label="Task"),
    R("PUT", "/api/tasks/{task_id}/checklist/{item_id}", refusing(tasks.update_checklist_item),
      two_ids_and_body,
      wrote("Checklist item updated successfully", refused=checklist_refused),
      "Tasks – Update Checklist Item", fields=work.CHECKLIST_IN,
      fail="Checklist item not found"),
    # Timesheets
    R("POST", "/api/timesheets", refusing(timesheets.create_timesheet), create(),
      wrote("Data Added Successfully", refused=not_added(404)),
      "Timesheets – Add New Timesheet", fields=work.TIMESHEET_IN, fail="Data not Added"),
    R("DELETE", "/api/timesheets/{id}", timesheets.delete_timesheet, path_id(),
      wrote("Delete Successful."), "Timesheets – Delete a Timesheet", fail="Delete Fail.",
      label="Timesheet"),
    R("GET", "/api/timesheets/{id}", timesheets.get_timesheet, path_id(),
      one(work.timesheets_shown, listed=True), "Timesheets – Request Timesheet Information",
      fail=NO_DATA, label="Timesheet"),
    R("GET", "/api/timesheets", every(timesheets.list_timesheets), everything,
      many(work.timesheets_shown), "Timesheets – Request all Timesheets", fail=NO_DATA),
    R("PUT", "/api/timesheets/{id}", refusing(needs_data(timesheets.update_timesheet)),
      change(), wrote("Data Update Successful.", refused=not_updated),
      "Timesheets – Update a Timesheet", fields=work.TIMESHEET_IN, fail="Data Update Fail.",
      label="Timesheet"),
    # Tickets
    R("POST", "/api/tickets", tickets.create_ticket, create(), wrote("Ticket add successful."),
      "Tickets – Add New Ticket", fields=support.TICKET_IN, fail="Ticket add fail."),
    R("POST", "/api/tickets/reply/{id}", tickets.reply_with_files, reply_and_files,
      wrote("Ticket Reply Added Successful.", id_key="reply_id"),
      "Tickets – Add reply to a ticket", fields=support.REPLY_IN, fail="Ticket Reply Fail.",
      label="Ticket"),
    R("DELETE", "/api/delete/tickets/{id}", tickets.delete_ticket, path_id(),
      wrote("Ticket Delete Successful."), "Tickets – Delete a Ticket",
      fail="Ticket Delete Fail.", label="Ticket"),
    R("GET", "/api/tickets/{id}", tickets.get_ticket, path_id(), one(support.tickets_shown),
      "Tickets – Get Ticket(s)", fail=NO_DATA, label="Ticket"),
    R("GET", "/api/tickets", tickets.list_tickets, numbered, paged(support.tickets_shown),
      "Tickets – Get Ticket(s) (no id: a page of them)", query=PAGING),
    R("GET", "/api/tickets/search/{keysearch}", tickets.list_tickets, numbered_search,
      paged(support.tickets_shown, empty_is_missing=True), "Tickets – Search Ticket Information",
      fail=NO_DATA, query=PAGING),
    R("PUT", "/api/tickets/{id}", tickets.update_ticket, change(),
      wrote("Ticket Update Successful."), "Tickets – Update a ticket", fields=support.TICKET_IN,
      fail="Ticket Update Fail.", label="Ticket"),
]  # fmt: skip
