"""Projects: the record, and its tasks, milestones, files, discussions and activity."""

from __future__ import annotations

from resolvers import files, milestones, projects, tasks
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.projects import PROJECT, PROJECT_IN
from rest_compat.v1.fields.tasks import task
from rest_compat.v1.routes.common import (
    BY_CUSTOMER,
    SEARCH,
    Q,
    activity_of,
    event_shape,
    listing,
    params,
    parent_pages,
    rows_of,
    shaped,
    under,
)
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows

FILTERS = (
    *BY_CUSTOMER,
    Q("status", "integer", description="1 not started ... 5 finished"),
    SEARCH,
)
TASK_FILTERS = (Q("status", "integer"), SEARCH)
project = shaped(PROJECT)
get = projects.get_project

ROUTES = [
    *crud_rows("/api/v1/projects", Noun("project"),
               Crud(projects.list_projects, projects.create_project, get, projects.update_project,
                    projects.delete_project),
               project, PROJECT_IN, FILTERS, PROJECT.json(projects.PROJECTS)),
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
