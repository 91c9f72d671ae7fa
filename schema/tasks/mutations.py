"""Writing tasks: the task itself, who works on and follows it, its status and priority."""

from __future__ import annotations

import strawberry

from resolvers import tasks
from schema.calls import mutation, staff_verb
from schema.ids import decode_id
from schema.tasks.inputs import TaskInput, task_data
from schema.tasks.types import TaskPriority, TaskStatus, TaskType
from schema.verbs import verb
from schema.writes import mutations

TaskMutation = mutations(
    tasks.TASKS, TaskType, input=TaskInput, data=task_data,
    names={"rel_type": "related_id", "rel_id": "related_id"},
)  # fmt: skip


@strawberry.type
class TaskPeopleMutation:
    assign_task = staff_verb(
        TaskType, tasks.assign_task, tasks.get_task, "Add a Staff member to the task's assignees."
    )
    unassign_task = staff_verb(TaskType, tasks.unassign_task, tasks.get_task)
    add_task_follower = staff_verb(TaskType, tasks.add_task_follower, tasks.get_task)
    remove_task_follower = staff_verb(TaskType, tasks.remove_task_follower, tasks.get_task)
    set_task_status = mutation(
        TaskType, {"id": strawberry.ID, "status": TaskStatus},
        lambda ctx, id, status: tasks.set_task_status(ctx, decode_id(id, TaskType), int(status)),
    )  # fmt: skip
    set_task_priority = mutation(
        TaskType, {"id": strawberry.ID, "priority": TaskPriority},
        lambda ctx, id, priority: tasks.set_task_priority(
            ctx, decode_id(id, TaskType), int(priority)
        ),
    )  # fmt: skip
    mark_task_complete = verb(
        tasks.mark_task_complete, TaskType,
        description="Complete the task; one already complete stays as it is.",
    )  # fmt: skip
