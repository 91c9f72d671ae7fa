"""Reading projects, their discussions and the comments on them."""

from __future__ import annotations

import strawberry

from resolvers.projects import COMMENTS, DISCUSSIONS, PROJECTS, list_discussions, list_projects
from schema.fields import connection_field, record_field
from schema.projects.types import DiscussionCommentType, ProjectDiscussionType, ProjectType

__all__ = ["DiscussionCommentType", "ProjectDiscussionType", "ProjectQuery", "ProjectType"]


@strawberry.type
class ProjectQuery:
    project = record_field(PROJECTS)
    projects = connection_field(PROJECTS, list_projects)
    project_discussion = record_field(DISCUSSIONS)
    project_discussions = connection_field(DISCUSSIONS, list_discussions)
    discussion_comment = record_field(COMMENTS)
    discussion_comments = connection_field(COMMENTS)
