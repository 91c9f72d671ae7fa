"""Writing tasks: the task itself, who works on and follows it, its status and priority."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from resolvers import tasks
from resolvers.core.context import Ctx
from schema.context import Info
from schema.errors import Payload, answer, answer_on
from schema.ids import decode_id
from schema.projects.refs import staff_change
from schema.tasks.inputs import TaskInput, task_data
from schema.tasks.types import TaskPriority, TaskStatus, TaskType
from schema.writes import mutations

TaskPayload = Payload[TaskType]
PeopleFn = Callable[[Ctx, int, int], Awaitable[list[int]]]


async def _people(info: Info, change: PeopleFn, task_id: str, staff_id: str) -> TaskPayload:
    """Run an assignee or follower change, answering with the task as it is after it."""
    call = staff_change(TaskType, task_id, staff_id, change, tasks.get_task)
    return await answer(info, call, TaskType.from_row)


TaskMutation = mutations(
    tasks.TASKS, TaskType, create_input=TaskInput, update_input=TaskInput, data=task_data,
    names={"rel_type": "related_id", "rel_id": "related_id"},
)  # fmt: skip


@strawberry.type
class TaskPeopleMutation:
    @strawberry.mutation(description="Add a Staff member to the task's assignees.")
    async def assign_task(
        self, info: Info, id: strawberry.ID, staff_id: strawberry.ID
    ) -> TaskPayload:
        return await _people(info, tasks.assign_task, id, staff_id)

    @strawberry.mutation
    async def unassign_task(
        self, info: Info, id: strawberry.ID, staff_id: strawberry.ID
    ) -> TaskPayload:
        return await _people(info, tasks.unassign_task, id, staff_id)

    @strawberry.mutation
    async def add_task_follower(
        self, info: Info, id: strawberry.ID, staff_id: strawberry.ID
    ) -> TaskPayload:
        return await _people(info, tasks.add_task_follower, id, staff_id)

    @strawberry.mutation
    async def remove_task_follower(
        self, info: Info, id: strawberry.ID, staff_id: strawberry.ID
    ) -> TaskPayload:
        return await _people(info, tasks.remove_task_follower, id, staff_id)

    @strawberry.mutation
    async def set_task_status(
        self, info: Info, id: strawberry.ID, status: TaskStatus
    ) -> TaskPayload:
        return await answer(
            info,
            lambda ctx: tasks.set_task_status(ctx, decode_id(id, TaskType), int(status)),
            TaskType.from_row,
        )

    @strawberry.mutation
    async def set_task_priority(
        self, info: Info, id: strawberry.ID, priority: TaskPriority
    ) -> TaskPayload:
        return await answer(
            info,
            lambda ctx: tasks.set_task_priority(ctx, decode_id(id, TaskType), int(priority)),
            TaskType.from_row,
        )

    @strawberry.mutation(description="Complete the task; one already complete stays as it is.")
    async def mark_task_complete(self, info: Info, id: strawberry.ID) -> TaskPayload:
        return await answer_on(info, TaskType, id, tasks.mark_task_complete)
