"""Projects: the record, and its tasks, milestones, files, discussions and activity."""

from __future__ import annotations

from resolvers import files, milestones, projects, tasks
from rest_compat.readers import body, id_and_body, path_id
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.projects import PROJECT, PROJECT_IN
from rest_compat.v1.fields.tasks import task
from rest_compat.v1.routes.common import (
    SEARCH,
    Q,
    activity_of,
    deleted,
    event_shape,
    listing,
    pages,
    params,
    parent_pages,
    record,
    rows_of,
    shaped,
    under,
)

FILTERS = (
    Q("clientid", "integer", "customer_id", "The customer's id"),
    Q("customer_id", "integer"),
    Q("status", "integer", description="1 not started ... 5 finished"),
    SEARCH,
)
TASK_FILTERS = (Q("status", "integer"), SEARCH)
project = shaped(PROJECT)
get = projects.get_project

ROUTES = [
    R("GET", "/api/v1/projects", projects.list_projects, pages(*FILTERS), listing(project),
      "List all projects with pagination", query=params(*FILTERS)),
    R("POST", "/api/v1/projects", projects.create_project, body(), record(project, 201),
      "Create a new project", fields=PROJECT_IN, status=201),
    R("GET", "/api/v1/projects/{id}", get, path_id(), record(project),
      "Get project details by ID", label="Project"),
    R("PUT", "/api/v1/projects/{id}", projects.update_project, id_and_body(), record(project),
      "Update an existing project", fields=PROJECT_IN, label="Project"),
    R("DELETE", "/api/v1/projects/{id}", projects.delete_project, path_id(), deleted,
      "Delete a project", label="Project"),
    R("GET", "/api/v1/projects/{id}/tasks",
      under(get, "Project", tasks.list_tasks, "project_id"), parent_pages(*TASK_FILTERS),
      listing(task), "List tasks for a project", query=params(*TASK_FILTERS), label="Project"),
    R("GET", "/api/v1/projects/{id}/milestones",
      under(get, "Project", milestones.list_milestones, "project_id"), parent_pages(),
      listing(rows_of("milestones")),
      "List milestones for a project", query=params(), label="Project"),
    R("GET", "/api/v1/projects/{id}/files",
      under(get, "Project", files.list_files, "rel_id", rel_type="project"), parent_pages(),
      listing(rows_of("files")), "List files for a project", query=params(), label="Project"),
    R("GET", "/api/v1/projects/{id}/discussions",
      under(get, "Project", projects.list_discussions, "project_id"), parent_pages(),
      listing(rows_of("project_discussions")),
      "List discussions for a project", query=params(), label="Project"),
    R("GET", "/api/v1/projects/{id}/activity", activity_of(get, "Project", "project"),
      parent_pages(), listing(event_shape), "Get project activity feed", query=params(),
      label="Project"),
]  # fmt: skip
