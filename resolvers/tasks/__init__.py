"""Tasks: the tasks themselves, their assignees and followers, checklists and comments."""

from resolvers.tasks.checklist import (
    CHECKLIST,
    add_checklist_item,
    delete_checklist_item,
    list_checklist_items,
    update_checklist_item,
)
from resolvers.tasks.comments import (
    COMMENTS,
    add_task_comment,
    delete_task_comment,
    list_task_comments,
    update_task_comment,
)
from resolvers.tasks.people import (
    add_task_follower,
    assign_task,
    assignees_by_task_id,
    followers_by_task_id,
    remove_task_follower,
    unassign_task,
)
from resolvers.tasks.resource import (
    RESOURCE,
    TASKS,
    create_task,
    delete_task,
    get_task,
    list_tasks,
    mark_task_complete,
    restore_task,
    set_task_priority,
    set_task_status,
    task_counts_by_milestone_id,
    update_task,
)
from resolvers.tasks.rules import (
    COMPLETE,
    TaskFields,
)

__all__ = [
    "CHECKLIST",
    "COMMENTS",
    "COMPLETE",
    "RESOURCE",
    "TASKS",
    "TaskFields",
    "add_checklist_item",
    "add_task_comment",
    "add_task_follower",
    "assign_task",
    "assignees_by_task_id",
    "create_task",
    "delete_checklist_item",
    "delete_task",
    "delete_task_comment",
    "followers_by_task_id",
    "get_task",
    "list_checklist_items",
    "list_task_comments",
    "list_tasks",
    "mark_task_complete",
    "remove_task_follower",
    "restore_task",
    "set_task_priority",
    "set_task_status",
    "task_counts_by_milestone_id",
    "unassign_task",
    "update_checklist_item",
    "update_task",
    "update_task_comment",
]
