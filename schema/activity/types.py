"""Activity feeds: what happened to a record and to the records filed under it, as rows
of the event log (`resolvers.activity`). Ticket history and project activity are this
one type; Lead activities can use `activity_field("lead")` too."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from resolvers import activity
from resolvers.core.context import Row
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.reading import records_by_id
from resolvers.core.resources import REGISTRY
from schema.connection import Connection, child_fields
from schema.context import Info
from schema.fields import GRAPH
from schema.node import RowType, encode_global_id, lazy, type_ref

# Event resource names (singular, as events.record files them) whose GraphQL type name
# is not their CamelCase.
TYPE_NAMES = {"discussion": "ProjectDiscussion"}


def _type_name(resource: str) -> str:
    return TYPE_NAMES.get(resource) or "".join(part.title() for part in resource.split("_"))


async def _staff(root: ActivityEventType, info: Info) -> Any:
    if root.actor_type != "staff" or root._actor_id is None:
        return None
    graph = GRAPH["staff"]
    loader = info.context.ctx.loader(records_by_id, REGISTRY["staff"])
    return graph.node.maybe(await loader.load(root._actor_id))


def _actor_field() -> Any:
    field = strawberry.field(
        resolver=_staff, description="The staff member who did it; null for API tokens."
    )
    field.type_annotation = lazy(f"{type_ref('staff', 'Node')} | None")
    return field


@strawberry.type(name="ActivityEvent", description="Something that happened to a record.")
class ActivityEventType:
    id: strawberry.ID = strawberry.field(
        description="A global id of the event, for client caches; `node` does not fetch it."
    )
    database_id: int
    type: str = strawberry.field(description='What happened: "ticket.replied", "task.created"...')
    resource: str = strawberry.field(description='The kind of record: "ticket", "task"...')
    record_id: strawberry.ID | None = strawberry.field(
        description="The global id of the record it happened to (null when not in the graph)."
    )
    actor_type: str = strawberry.field(description='Who did it: "staff", "token" or "system".')
    changes: JSON = strawberry.field(
        description='{"field": [old, new]} for updates; a summary of the record otherwise.'
    )
    created_at: datetime
    _actor_id: strawberry.Private[int | None]
    actor = _actor_field()

    @classmethod
    def from_row(cls, row: Row) -> ActivityEventType:
        type_name = _type_name(row["resource"])
        known = type_name in RowType._registry
        return cls(
            id=strawberry.ID(encode_global_id("ActivityEvent", row["id"])),
            database_id=row["id"],
            type=row["type"],
            resource=row["resource"],
            record_id=strawberry.ID(encode_global_id(type_name, row["record_id"]))
            if known
            else None,
            actor_type=row["actor_type"],
            changes=row["changes"],
            created_at=row["created_at"],
            _actor_id=row["actor_id"],
        )


@strawberry.type(name="ActivityEventConnection")
class ActivityEventConnection(Connection[ActivityEventType]):
    """A page of a record's events: the generic connection under a stable name."""


def activity_field(resource: str, *, description: str = "") -> Any:
    """A node's feed, oldest first, a page at a time: `resource` names the feed ("ticket").
    Batched: the feeds of every node of a list selecting it load in one statement (and
    one more for totalCount)."""

    async def resolve(
        root: Any,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> ActivityEventConnection:
        ctx = info.context.ctx
        page = PageArgs(first=first, after=after, last=last, before=before)
        count = any(f.name.value == "totalCount" for f in child_fields(info))
        loader = ctx.loader(activity.feeds, resource, page, count)
        found: Page = await loader.load(root._row["id"])
        nodes = [ActivityEventType.from_row(r) for r in found.rows]
        return ActivityEventConnection.from_page(found, nodes)

    return strawberry.field(
        resolver=resolve,
        description=description or "What happened to this record and those under it, oldest first.",
    )
