"""Sub-records (checklist items, comments, replies) and the staff of work records
(members, assignees, followers): their fetchers, and the calls that find a sub-record's
parent or decode a staff argument inside the write, so a bad id is a userError.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from resolvers.core import reading
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import NotFound
from resolvers.core.getters import getter
from resolvers.core.resources import Resource
from schema.ids import decode_id
from schema.node import NodeFetcher, RowType


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


def by_parent(
    resource: Resource,
    node: type[RowType],
    record_id: str,
    column: str,
    verb: Callable[[Ctx, int, int], Awaitable[Row]],
) -> Callable[[Ctx], Awaitable[Row]]:
    """The call of `verb(ctx, parent, record)` for a sub-record the client names by its
    own global id alone (a checklist item), for `schema.calls.mutation`."""

    async def call(ctx: Ctx) -> Row:
        record = decode_id(record_id, node)
        return await verb(ctx, await parent_id(ctx, resource, record, column), record)

    return call


def staff_or_none(staff_id: str | None) -> int | None:
    """An optional Staff argument (`staffId`) as a database id; null stays null (the
    verb reads it: the caller for a timer, nobody for a ticket's assignee)."""
    return None if staff_id is None else decode_id(staff_id, "Staff", "staffId")


def staff_change(
    node: type[RowType],
    record_id: str,
    staff_id: str,
    change: Callable[[Ctx, int, int], Awaitable[Any]],
    read: Callable[[Ctx, int], Awaitable[Row | None]],
) -> Callable[[Ctx], Awaitable[Row | None]]:
    """The call of a member, assignee or follower change (`change(ctx, record, staff)`),
    answering with the record as `read` finds it after the change."""

    async def call(ctx: Ctx) -> Row | None:
        record = decode_id(record_id, node)
        await change(ctx, record, decode_id(staff_id, "Staff", "staffId"))
        return await read(ctx, record)

    return call
