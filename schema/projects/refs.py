"""Sub-records (checklist items, comments, replies): their node fetcher and their parent's
key; and an optional Staff argument as a database id."""

from __future__ import annotations

from resolvers.core import reading
from resolvers.core.context import Ctx
from resolvers.core.errors import NotFound
from resolvers.core.getters import getter
from resolvers.core.resources import Resource
from schema.ids import decode_id
from schema.node import NodeFetcher


def fetch_of(resource: Resource) -> NodeFetcher:
    """The node fetcher of a sub-record (a checklist item, a reply...) the service layer
    reads only through the generic path."""

    return getter(resource, __name__, "fetch")


async def parent_id(ctx: Ctx, resource: Resource, record_id: int, column: str) -> int:
    """The parent key of a sub-record the client names by its own id alone, for service
    functions that take both (the task of a checklist item)."""
    row = await reading.get_record(ctx, resource, record_id)
    if row is None:
        raise NotFound(resource.label, record_id)
    return int(row[column])


def staff_or_none(staff_id: str | None) -> int | None:
    """An optional Staff argument (`staffId`) as a database id; null stays null (the
    verb reads it: the caller for a timer, nobody for a ticket's assignee)."""
    return None if staff_id is None else decode_id(staff_id, "Staff", "staffId")
