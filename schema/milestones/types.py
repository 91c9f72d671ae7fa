"""The Milestone node: a named due date a project's tasks are grouped under."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

import resolvers.tasks  # noqa: F401  (declares milestones.tasks)
from resolvers.milestones import MILESTONES, get_milestone
from resolvers.tasks import task_counts_by_milestone_id
from schema.context import Info
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(MILESTONES, get_milestone)
@strawberry.type(name="Milestone")
class MilestoneType(RowType, Node):
    name: str
    description: str
    description_visible_to_customer: bool
    due_date: date
    color: str | None
    milestone_order: int
    created_at: datetime
    updated_at: datetime
    project = relation_field("project")
    tasks = relation_field("tasks")

    async def _counts(self, info: Info) -> dict[str, int]:
        loader = info.context.ctx.loader(task_counts_by_milestone_id)
        counts: dict[str, int] = await loader.load(self.database_id)
        return counts

    @strawberry.field(description="Its live tasks.")
    async def total_tasks(self, info: Info) -> int:
        return (await self._counts(info))["total_tasks"]

    @strawberry.field(description="Its live tasks that are complete.")
    async def total_finished_tasks(self, info: Info) -> int:
        return (await self._counts(info))["total_finished_tasks"]
