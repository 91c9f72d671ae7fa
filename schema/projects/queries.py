"""Reading projects, their discussions and the comments on them."""

from __future__ import annotations

import strawberry

from resolvers.projects import COMMENTS, DISCUSSIONS, PROJECTS, list_discussions, list_projects
from schema.roots import roots


@strawberry.type
class ProjectQuery:
    project, projects = roots(PROJECTS, list_projects)
    project_discussion, project_discussions = roots(DISCUSSIONS, list_discussions)
    discussion_comment, discussion_comments = roots(COMMENTS)
