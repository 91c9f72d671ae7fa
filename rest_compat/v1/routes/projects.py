"""Projects: the record, and its tasks, milestones, files, discussions and activity."""

from __future__ import annotations

from resolvers import milestones, projects, tasks
from rest_compat.v1.fields.projects import PROJECT, PROJECT_IN
from rest_compat.v1.fields.tasks import task
from rest_compat.v1.routes.common import BY_CUSTOMER, SEARCH, Parent, Q, rows_of, shaped
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows

FILTERS = (
    *BY_CUSTOMER,
    Q("status", "integer", description="1 not started ... 5 finished"),
    SEARCH,
)
TASK_FILTERS = (Q("status", "integer"), SEARCH)
project = shaped(PROJECT)
get = projects.get_project
PROJECT_ROWS = Parent("/api/v1/projects", get, "Project")

ROUTES = [
    *crud_rows("/api/v1/projects", Noun("project"),
               Crud(projects.list_projects, projects.create_project, get, projects.update_project,
                    projects.delete_project),
               project, PROJECT_IN, FILTERS, PROJECT.json(projects.PROJECTS)),
    PROJECT_ROWS.under("tasks", tasks.list_tasks, "project_id", task, "List tasks for a project",
                       *TASK_FILTERS),
    PROJECT_ROWS.under("milestones", milestones.list_milestones, "project_id",
                       rows_of("milestones"), "List milestones for a project"),
    PROJECT_ROWS.files("files", "List files for a project"),
    PROJECT_ROWS.under("discussions", projects.list_discussions, "project_id",
                       rows_of("project_discussions"), "List discussions for a project"),
    PROJECT_ROWS.activity("activity", "Get project activity feed"),
]  # fmt: skip
