"""A domain verb's mutation from its service function: `verbX(id[, input]):
Payload[<returns>]` calling `service(ctx, pk[, data(input)])` through `write` (errors
renamed to the input's fields, loaders emptied). Domains declare the verb, not the
resolver."""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import strawberry

from schema.context import Info
from schema.errors import Payload
from schema.ids import decode_id
from schema.inputs import given
from schema.invoices.refs import write
from schema.node import RowType


def verb(
    service: Callable[..., Awaitable[Any]],
    on: type[RowType],
    *,
    returns: type[RowType] | None = None,
    input: type | None = None,
    data: Callable[[Any], Any] = given,
    names: Mapping[str, str] | None = None,
    required: bool = True,
    description: str | None = None,
) -> Any:
    """The mutation over the node `on` (its id decoded as one); `input` adds an input
    argument, required unless `required` is False (then it defaults to null and `data`
    must accept None)."""
    wrap = (returns or on).from_row

    async def without_input(self: Any, info: Info, id: strawberry.ID) -> Any:
        ctx = info.context.ctx
        return await write(ctx, lambda: service(ctx, decode_id(id, on)), wrap, names)

    async def with_input(self: Any, info: Info, id: strawberry.ID, input: Any = None) -> Any:
        ctx = info.context.ctx
        return await write(ctx, lambda: service(ctx, decode_id(id, on), data(input)), wrap, names)

    resolve = without_input if input is None else with_input
    # Strawberry reads the argument and return types from the resolver's annotations.
    payload = Payload[returns or on]  # type: ignore[misc, valid-type]
    resolve.__annotations__ = {"info": Info, "id": strawberry.ID, "return": payload}
    if input is not None:
        resolve.__annotations__["input"] = input if required else input | None
        if required:
            resolve.__defaults__ = None
    return strawberry.mutation(resolver=resolve, description=description)
