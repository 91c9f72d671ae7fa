"""Writing a task's checklist items and comments, each named by its own id."""

from __future__ import annotations

import strawberry

from resolvers import tasks
from resolvers.core.context import Row
from schema.context import Info
from schema.errors import Payload
from schema.ids import decode_id
from schema.projects.refs import parent_id, plain, write
from schema.tasks.inputs import CHECKLIST_IDS, COMMENT_IDS, ChecklistItemInput, TaskCommentInput
from schema.tasks.types import ChecklistItemType, TaskCommentType, TaskType

ChecklistPayload = Payload[ChecklistItemType]
CommentPayload = Payload[TaskCommentType]


@strawberry.type
class TaskPartsMutation:
    @strawberry.mutation
    async def add_checklist_item(
        self, info: Info, task_id: strawberry.ID, input: ChecklistItemInput
    ) -> ChecklistPayload:
        ctx = info.context.ctx
        return await write(
            lambda: tasks.add_checklist_item(
                ctx, decode_id(task_id, TaskType, "taskId"), plain(input, CHECKLIST_IDS)
            ),
            ChecklistItemType.from_row,
        )

    @strawberry.mutation
    async def update_checklist_item(
        self, info: Info, id: strawberry.ID, input: ChecklistItemInput
    ) -> ChecklistPayload:
        ctx = info.context.ctx

        async def call() -> Row:
            item = decode_id(id, ChecklistItemType)
            task = await parent_id(ctx, tasks.CHECKLIST, item, "task_id")
            return await tasks.update_checklist_item(ctx, task, item, plain(input, CHECKLIST_IDS))

        return await write(call, ChecklistItemType.from_row)

    @strawberry.mutation
    async def delete_checklist_item(self, info: Info, id: strawberry.ID) -> ChecklistPayload:
        ctx = info.context.ctx

        async def call() -> Row:
            item = decode_id(id, ChecklistItemType)
            task = await parent_id(ctx, tasks.CHECKLIST, item, "task_id")
            return await tasks.delete_checklist_item(ctx, task, item)

        return await write(call, ChecklistItemType.from_row)

    @strawberry.mutation
    async def add_task_comment(
        self, info: Info, task_id: strawberry.ID, input: TaskCommentInput
    ) -> CommentPayload:
        ctx = info.context.ctx
        return await write(
            lambda: tasks.add_task_comment(
                ctx, decode_id(task_id, TaskType, "taskId"), plain(input, COMMENT_IDS)
            ),
            TaskCommentType.from_row,
        )

    @strawberry.mutation
    async def update_task_comment(
        self, info: Info, id: strawberry.ID, content: str
    ) -> CommentPayload:
        ctx = info.context.ctx

        async def call() -> Row:
            comment = decode_id(id, TaskCommentType)
            task = await parent_id(ctx, tasks.COMMENTS, comment, "task_id")
            return await tasks.update_task_comment(ctx, task, comment, {"content": content})

        return await write(call, TaskCommentType.from_row)

    @strawberry.mutation
    async def delete_task_comment(self, info: Info, id: strawberry.ID) -> CommentPayload:
        ctx = info.context.ctx

        async def call() -> Row:
            comment = decode_id(id, TaskCommentType)
            task = await parent_id(ctx, tasks.COMMENTS, comment, "task_id")
            return await tasks.delete_task_comment(ctx, task, comment)

        return await write(call, TaskCommentType.from_row)
