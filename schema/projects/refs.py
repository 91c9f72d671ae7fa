"""From a work input (projects, tasks, timesheets, tickets, contracts) to the plain data
the service layer validates: global ids become database ids of the type they must name,
enums become the codes they stand for.

Decode inside the call `write` runs, so a bad id is a userError, not a top-level one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from enum import Enum
from typing import Any, TypeVar

from strawberry.utils.str_converters import to_camel_case

from resolvers.core import reading
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import NotFound
from resolvers.core.getters import getter
from resolvers.core.resources import Resource
from schema.errors import Payload, mutate
from schema.ids import decode_id
from schema.inputs import given
from schema.lookups.references import custom_values
from schema.node import NodeFetcher, RowType

T = TypeVar("T")


def plain(data: object, ids: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The fields the client sent; those named in `ids` (attribute -> type name) decoded,
    one id or a list of them, null kept as null (it clears the reference); customFields
    as the service's {field id: value}."""
    values = given(data)
    for name, value in values.items():
        if name == "custom_fields":
            values[name] = custom_values(value)
        elif isinstance(value, Enum):
            values[name] = value.value
        elif ids and name in ids and value is not None:
            kind, field = ids[name], to_camel_case(name)
            if isinstance(value, list):
                values[name] = [decode_id(v, kind, field) for v in value]
            else:
                values[name] = decode_id(value, kind, field)
    return values


async def write(
    call: Callable[[], Awaitable[Any]],
    wrap: Callable[[Any], T],
    rename: Mapping[str, str] | None = None,
) -> Payload[T]:
    """`mutate`, with a userError's field named as the input names it where the service
    layer's name differs (`rename`: its "currency" is the input's "currencyId"). The
    request's cached reads are dropped by the write itself (resolvers.core.events.record)."""
    payload = await mutate(call, wrap)
    for error in payload.user_errors:
        if error.field is not None and rename:
            error.field = rename.get(error.field, error.field)
    return payload


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
    own global id alone (a checklist item), for `schema.errors.answer`."""

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
