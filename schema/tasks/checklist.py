"""Writing a task's checklist items and comments, each named by its own id."""

from __future__ import annotations

import strawberry

from resolvers import tasks
from schema.context import Info
from schema.errors import Payload, answer
from schema.ids import decode_id
from schema.projects.refs import by_parent, plain
from schema.tasks.inputs import CHECKLIST_IDS, COMMENT_IDS, ChecklistItemInput, TaskCommentInput
from schema.tasks.types import ChecklistItemType, TaskCommentType, TaskType

ChecklistPayload = Payload[ChecklistItemType]
CommentPayload = Payload[TaskCommentType]
ITEM = ChecklistItemType.from_row
COMMENT = TaskCommentType.from_row


@strawberry.type
class TaskPartsMutation:
    @strawberry.mutation
    async def add_checklist_item(
        self, info: Info, task_id: strawberry.ID, input: ChecklistItemInput
    ) -> ChecklistPayload:
        return await answer(
            info,
            lambda ctx: tasks.add_checklist_item(
                ctx, decode_id(task_id, TaskType, "taskId"), plain(input, CHECKLIST_IDS)
            ),
            ITEM,
        )

    @strawberry.mutation
    async def update_checklist_item(
        self, info: Info, id: strawberry.ID, input: ChecklistItemInput
    ) -> ChecklistPayload:
        call = by_parent(
            tasks.CHECKLIST, ChecklistItemType, id, "task_id",
            lambda ctx, task, item: tasks.update_checklist_item(
                ctx, task, item, plain(input, CHECKLIST_IDS)
            ),
        )  # fmt: skip
        return await answer(info, call, ITEM)

    @strawberry.mutation
    async def delete_checklist_item(self, info: Info, id: strawberry.ID) -> ChecklistPayload:
        call = by_parent(
            tasks.CHECKLIST, ChecklistItemType, id, "task_id", tasks.delete_checklist_item
        )
        return await answer(info, call, ITEM)

    @strawberry.mutation
    async def add_task_comment(
        self, info: Info, task_id: strawberry.ID, input: TaskCommentInput
    ) -> CommentPayload:
        return await answer(
            info,
            lambda ctx: tasks.add_task_comment(
                ctx, decode_id(task_id, TaskType, "taskId"), plain(input, COMMENT_IDS)
            ),
            COMMENT,
        )

    @strawberry.mutation
    async def update_task_comment(
        self, info: Info, id: strawberry.ID, content: str
    ) -> CommentPayload:
        call = by_parent(
            tasks.COMMENTS, TaskCommentType, id, "task_id",
            lambda ctx, task, comment: tasks.update_task_comment(
                ctx, task, comment, {"content": content}
            ),
        )  # fmt: skip
        return await answer(info, call, COMMENT)

    @strawberry.mutation
    async def delete_task_comment(self, info: Info, id: strawberry.ID) -> CommentPayload:
        call = by_parent(tasks.COMMENTS, TaskCommentType, id, "task_id", tasks.delete_task_comment)
        return await answer(info, call, COMMENT)
