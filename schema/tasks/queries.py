"""Reading tasks, checklist items and task comments."""

from __future__ import annotations

import strawberry

from resolvers.tasks import CHECKLIST, COMMENTS, TASKS, list_tasks
from schema.roots import roots


@strawberry.type
class TaskQuery:
    task, tasks = roots(TASKS, list_tasks)
    checklist_item, checklist_items = roots(CHECKLIST)
    task_comment, task_comments = roots(COMMENTS)
