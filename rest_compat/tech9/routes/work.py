"""tech9's tasks, projects and tickets."""

from __future__ import annotations

from starlette.responses import Response

from resolvers import projects, tasks, tickets
from resolvers.core.context import Row
from rest_compat.envelopes import reply
from rest_compat.readers import body, id_and_body, path_parent
from rest_compat.reply_schemas import INTEGER, obj, replies, shape_schema
from rest_compat.routing import Call
from rest_compat.routing import Endpoint as R
from rest_compat.tech9.fields import work
from rest_compat.tech9.routes.common import created, record


@replies(shape_schema(work.task))
async def task_record(call: Call, result: Row) -> Response:
    return reply(work.task(result))


@replies(obj(reply_id=INTEGER))
async def reply_created(call: Call, result: Row) -> Response:
    return reply({"reply_id": result["id"]}, 201)


ROUTES = [
    R("POST", "/api/tasks", tasks.create_task, body(), created, "Create Task",
      fields=work.TASK_IN, status=201),
    R("PUT", "/api/tasks/{id}", tasks.update_task, id_and_body(), task_record, "Complete Task",
      fields=work.TASK_IN, label="Task"),
    R("POST", "/api/projects", projects.create_project, body(), created, "Create Project",
      fields=work.PROJECT_IN, status=201),
    # The service names a task's project as its rel_id; in the path it is the project.
    R("POST", "/api/projects/{id}/tasks", path_parent(tasks.create_task, "rel_id", "Project"),
      body(project_id="id"), created, "Add Project Task", fields=work.PROJECT_TASK_IN,
      status=201, label="Project"),
    R("POST", "/api/tickets", tickets.create_ticket, body(), created, "Open Ticket",
      fields=work.TICKET_IN, status=201),
    R("POST", "/api/tickets/{id}/replies", tickets.reply_to_ticket, id_and_body(),
      reply_created, "Reply & Close", fields=work.REPLY_IN, status=201, label="Ticket"),
    R("PUT", "/api/tickets/{id}", tickets.update_ticket, id_and_body(), record(work.ticket),
      "Reply & Close", fields=work.TICKET_IN, label="Ticket"),
]  # fmt: skip
