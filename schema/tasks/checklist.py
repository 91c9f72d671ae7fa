"""Writing a task's checklist items and comments, each named by its own id."""

from __future__ import annotations

import strawberry

from resolvers import tasks
from schema.calls import add_child, child_verb
from schema.lookups.references import service_data
from schema.tasks.inputs import CHECKLIST_IDS, COMMENT_IDS, ChecklistItemInput, TaskCommentInput
from schema.tasks.types import ChecklistItemType, TaskCommentType, TaskType


def _checklist(input: ChecklistItemInput) -> dict[str, object]:
    return service_data(input, CHECKLIST_IDS)


@strawberry.type
class TaskPartsMutation:
    add_checklist_item = add_child(
        tasks.add_checklist_item, TaskType, ChecklistItemType, ("input", ChecklistItemInput),
        parent_argument="task_id", data=_checklist,
    )  # fmt: skip
    update_checklist_item = child_verb(
        tasks.CHECKLIST, ChecklistItemType, "task_id", tasks.update_checklist_item,
        ("input", ChecklistItemInput), data=_checklist,
    )  # fmt: skip
    delete_checklist_item = child_verb(
        tasks.CHECKLIST, ChecklistItemType, "task_id", tasks.delete_checklist_item
    )
    add_task_comment = add_child(
        tasks.add_task_comment, TaskType, TaskCommentType, ("input", TaskCommentInput),
        parent_argument="task_id", data=lambda input: service_data(input, COMMENT_IDS),
    )  # fmt: skip
    update_task_comment = child_verb(
        tasks.COMMENTS, TaskCommentType, "task_id", tasks.update_task_comment, ("content", str),
        data=lambda content: {"content": content},
    )  # fmt: skip
    delete_task_comment = child_verb(
        tasks.COMMENTS, TaskCommentType, "task_id", tasks.delete_task_comment
    )
