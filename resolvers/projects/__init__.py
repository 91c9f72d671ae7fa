"""Projects: the projects themselves, their members and progress, and their discussions."""

from resolvers.projects.discussions import (
    COMMENTS,
    DISCUSSIONS,
    add_discussion_comment,
    create_discussion,
    delete_discussion_comment,
    get_discussion,
    list_discussion_comments,
    list_discussions,
)
from resolvers.projects.members import (
    add_project_member,
    members_by_project_id,
    remove_project_member,
    set_project_members,
)
from resolvers.projects.resource import (
    PROJECTS,
    RESOURCE,
    ProjectFields,
    create_project,
    delete_project,
    get_project,
    list_projects,
    refresh_progress,
    restore_project,
    update_project,
)

__all__ = [
    "COMMENTS",
    "DISCUSSIONS",
    "PROJECTS",
    "RESOURCE",
    "ProjectFields",
    "add_discussion_comment",
    "add_project_member",
    "create_discussion",
    "create_project",
    "delete_discussion_comment",
    "delete_project",
    "get_discussion",
    "get_project",
    "list_discussion_comments",
    "list_discussions",
    "list_projects",
    "members_by_project_id",
    "refresh_progress",
    "remove_project_member",
    "restore_project",
    "set_project_members",
    "update_project",
]
