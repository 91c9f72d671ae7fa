"""Reading tasks, checklist items and task comments."""

from __future__ import annotations

import strawberry

from resolvers.tasks import CHECKLIST, COMMENTS, TASKS, list_tasks
from schema.fields import connection_field, record_field
from schema.tasks.types import ChecklistItemType, TaskCommentType, TaskType

__all__ = ["ChecklistItemType", "TaskCommentType", "TaskQuery", "TaskType"]


@strawberry.type
class TaskQuery:
    task = record_field(TASKS)
    tasks = connection_field(TASKS, list_tasks)
    checklist_item = record_field(CHECKLIST)
    checklist_items = connection_field(CHECKLIST)
    task_comment = record_field(COMMENTS)
    task_comments = connection_field(COMMENTS)
