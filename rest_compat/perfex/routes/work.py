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
from rest_compat.perfex.routes.crud import Read, Write, perfex_rows, worded
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
    *perfex_rows(
        "/api/projects", "Project", work.PROJECT_IN,
        add=Write(projects.create_project, worded("Projects – Add New Project", "Project add")),
        delete=Write(projects.delete_project,
                     worded("Projects – Delete a Project", "Project Delete"),
                     "/api/delete/projects/{id}"),
        get=Read(projects.get_project, "Projects – Request project information"),
        shown=work.projects_shown,
        search=Read(projects.list_projects, "Projects – Search Project Information"),
        update=Write(projects.update_project,
                     worded("Projects – Update a project", "Project Update")),
    ),
    *perfex_rows(
        "/api/milestones", "Milestone", work.MILESTONE_IN,
        add=Write(milestones.create_milestone,
                  worded("Milestones – Add New Milestone", "Milestone add")),
        delete=Write(milestones.delete_milestone,
                     worded("Milestones – Delete a Milestone", "Milestone Delete"),
                     "/api/delete/milestones/{id}"),
        get=Read(milestones.get_milestone, "Milestones – Request Milestones information"),
        shown=work.milestones_shown,
        search=Read(milestones.list_milestones, "Milestones – Search Milestones Information"),
        update=Write(milestones.update_milestone,
                     worded("Milestones – Update a Milestone", "Milestone Update")),
    ),
    *perfex_rows(
        "/api/tasks", "Task", work.TASK_IN,
        add=Write(tasks.create_task, worded("Tasks – Add New Task", "Task add")),
        delete=Write(tasks.delete_task, worded("Tasks – Delete a Task", "Task Delete"),
                     "/api/delete/tasks/{id}"),
        get=Read(tasks.get_task, "Tasks – Request Task information"),
        shown=work.tasks_shown,
        search=Read(tasks.list_tasks, "Tasks – Search Tasks Information"),
        update=Write(tasks.update_task, worded("Tasks – Update a task", "Task Update")),
    ),
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
