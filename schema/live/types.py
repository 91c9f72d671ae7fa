"""A change: one event of the log as clients see it, ids as global ids."""

from __future__ import annotations

import base64
from datetime import datetime

import strawberry
from strawberry.utils.str_converters import to_camel_case

from resolvers.changes import Change, ChangePage, resource_of_event
from schema.context import Info
from schema.fields import GRAPH
from schema.node import Node, encode_global_id
from schema.notes.records import attached

CURSOR_PREFIX = "change:"


def type_name(resource: str) -> str:
    """The GraphQL type of a record the log names by `resource` ("credit_note"); a
    camel-cased name for one outside the graph, so its id is still a global id."""
    owner = resource_of_event(resource)
    graph = GRAPH.get(owner.name) if owner is not None else None
    if graph is not None:
        return graph.node.graphql_name()
    return "".join(part.title() for part in resource.split("_"))


def cursor_of(position: int) -> str:
    return base64.b64encode(f"{CURSOR_PREFIX}{position}".encode()).decode()


@strawberry.type(name="ChangeActor", description="Who made a change.")
class ActorType:
    kind: str = strawberry.field(description='"staff", "token" or "system".')
    id: strawberry.ID | None = strawberry.field(
        description="The staff member's global id, or the API token's; null for the system."
    )


@strawberry.type(name="Change", description="One write to a record, from the event log.")
class ChangeType:
    id: strawberry.ID = strawberry.field(
        description="A global id of the change, for client caches; `node` does not fetch it."
    )
    cursor: str = strawberry.field(description="Where this change is in the feed.")
    type: str = strawberry.field(description='What happened: "invoice.paid".')
    resource: str = strawberry.field(description='The kind of record: "invoice".')
    record_id: strawberry.ID = strawberry.field(description="The changed record's global id.")
    actor: ActorType
    created_at: datetime
    fields: list[str] = strawberry.field(
        description="The fields the change names (changed ones, for an update)."
    )
    parent_id: strawberry.ID | None = strawberry.field(
        description="The global id of the record the change is shown under, if any."
    )
    _change: strawberry.Private[Change]

    @classmethod
    def of(cls, change: Change) -> ChangeType:
        actor_id = None
        if change.actor_id is not None and change.actor_type in ("staff", "token"):
            name = "Staff" if change.actor_type == "staff" else "ApiToken"
            actor_id = strawberry.ID(encode_global_id(name, change.actor_id))
        parent_id = None
        if change.parent_resource is not None and change.parent_id is not None:
            parent_type = type_name(change.parent_resource)
            parent_id = strawberry.ID(encode_global_id(parent_type, change.parent_id))
        return cls(
            id=strawberry.ID(encode_global_id("Change", change.id)),
            cursor=cursor_of(change.id),
            type=change.type,
            resource=change.resource,
            record_id=strawberry.ID(encode_global_id(type_name(change.resource), change.record_id)),
            actor=ActorType(kind=change.actor_type, id=actor_id),
            created_at=change.created_at,
            fields=[to_camel_case(f) for f in change.fields],
            parent_id=parent_id,
            _change=change,
        )

    @strawberry.field(description="The record as it is now; null once it is gone.")
    async def record(self, info: Info) -> Node | None:
        owner = self._change.owner
        if owner is None:
            return None
        node: Node | None = await attached(info.context.ctx, owner.name, self._change.record_id)
        return node


@strawberry.type(name="ChangeFeed", description="A page of the change feed.")
class ChangePageType:
    nodes: list[ChangeType]
    cursor: str = strawberry.field(description="Pass it as `after` to get the next changes.")
    next_since: datetime = strawberry.field(
        description="The time of the last change given, for clients that poll by time."
    )
    has_more: bool = strawberry.field(description="More changes wait: poll again now.")

    @classmethod
    def of(cls, page: ChangePage) -> ChangePageType:
        return cls(
            nodes=[ChangeType.of(c) for c in page.changes],
            cursor=cursor_of(page.cursor),
            next_since=page.next_since,
            has_more=page.has_more,
        )
