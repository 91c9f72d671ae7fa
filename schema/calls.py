"""A mutation declared as the service call it makes: its arguments (name -> type, and a
default where it has one), the call from the request's context and those arguments, and
the node it answers with. Global ids are decoded inside the call, so a bad one is a
userError; expected failures become `Payload.userErrors` (`write`).

The records that live under a parent (a task's checklist items and comments, a
discussion's or a contract's comments) are added under the parent the client names and
changed or deleted by their own id alone: `add_child` and `child_verb` say so once."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

import strawberry
from strawberry.utils.str_converters import to_camel_case

from resolvers.core.context import Ctx, Row
from resolvers.core.loaders import Loaders
from resolvers.core.resources import Resource
from schema.context import Info
from schema.errors import Payload, mutate
from schema.ids import decode_id
from schema.lookups.references import naming
from schema.node import RowType
from schema.projects.refs import parent_id

T = TypeVar("T")
# An argument's type, or its type and default.
Argument = Any | tuple[Any, Any]
_REQUIRED = inspect.Parameter.empty


async def write(
    ctx: Ctx,
    call: Callable[[], Awaitable[Any]],
    wrap: Callable[[Any], T],
    names: Mapping[str, str] | None = None,
) -> Payload[T]:
    """`mutate`, with the service layer's field names in errors turned into the input's
    (`names`); then the request's loaders are emptied, so the payload and any later
    mutation read the record's neighbours as this write left them."""
    try:
        return await mutate(lambda: naming(call, names or {}), wrap)
    finally:
        ctx.loaders = Loaders()


def mutation(
    returns: type[RowType],
    arguments: Mapping[str, Argument],
    call: Callable[..., Awaitable[Any]],
    description: str | None = None,
    names: Mapping[str, str] | None = None,
) -> Any:
    """`name(arguments): <returns>Payload!` running `call(ctx, **arguments)`; `names`
    renames the service's fields in userErrors to the arguments' ({"members": "staff_ids"})."""

    async def resolve(self: Any, info: Info, **given: Any) -> Payload[Any]:
        ctx = info.context.ctx
        return await write(ctx, lambda: call(ctx, **given), returns.from_row, names)

    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters = [
        inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter("info", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Info),
    ]
    for name, argument in arguments.items():
        kind, default = argument if isinstance(argument, tuple) else (argument, _REQUIRED)
        parameters.append(inspect.Parameter(name, keyword, annotation=kind, default=default))
    # Strawberry reads the arguments and the payload type from the signature.
    resolve.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        parameters,
        return_annotation=Payload[returns],  # type: ignore[valid-type]
    )
    return strawberry.mutation(resolver=resolve, description=description)


def add_child(
    service: Callable[[Ctx, int, Any], Awaitable[Row]],
    parent: type[RowType],
    node: type[RowType],
    value: tuple[str, Any],
    *,
    parent_argument: str = "id",
    data: Callable[[Any], Any] = lambda value: value,
) -> Any:
    """`addX(<parent_argument>: ID!, <value>)` calling `service(ctx, parent, data(value))`."""
    field = "id" if parent_argument == "id" else to_camel_case(parent_argument)
    name, kind = value

    def call(ctx: Ctx, **given: Any) -> Awaitable[Row]:
        return service(ctx, decode_id(given[parent_argument], parent, field), data(given[name]))

    return mutation(node, {parent_argument: strawberry.ID, name: kind}, call)


def child_verb(
    resource: Resource,
    node: type[RowType],
    column: str,
    service: Callable[..., Awaitable[Row]],
    value: tuple[str, Any] | None = None,
    *,
    data: Callable[[Any], Any] = lambda value: value,
) -> Any:
    """`verbX(id: ID![, <value>])` on a record whose parent key is `column`, calling
    `service(ctx, parent, record[, data(value)])`."""

    async def call(ctx: Ctx, id: str, **given: Any) -> Row:
        record = decode_id(id, node)
        parent = await parent_id(ctx, resource, record, column)
        extra = () if value is None else (data(given[value[0]]),)
        return await service(ctx, parent, record, *extra)

    arguments = (
        {"id": strawberry.ID} if value is None else {"id": strawberry.ID, value[0]: value[1]}
    )
    return mutation(node, arguments, call)


def staff_verb(
    node: type[RowType],
    change: Callable[[Ctx, int, int], Awaitable[Any]],
    read: Callable[[Ctx, int], Awaitable[Row | None]],
    description: str | None = None,
) -> Any:
    """`verbX(id: ID!, staffId: ID!)`: a member, assignee or follower change, answering
    with the record as it is after it."""

    async def call(ctx: Ctx, id: str, staff_id: str) -> Row | None:
        record = decode_id(id, node)
        await change(ctx, record, decode_id(staff_id, "Staff", "staffId"))
        return await read(ctx, record)

    return mutation(node, {"id": strawberry.ID, "staff_id": strawberry.ID}, call, description)
