"""A domain verb's mutation from its service function: `verbX(id[, input]):
Payload[<returns>]` calling `service(ctx, pk[, data(input)])` through `write` (errors
renamed to the input's fields, loaders emptied). Domains declare the verb, not the
resolver."""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import strawberry

from resolvers.core.context import Ctx
from schema.calls import mutation
from schema.ids import decode_id
from schema.inputs import given
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
    arguments: dict[str, Any] = {"id": strawberry.ID}
    if input is not None:
        arguments["input"] = input if required else (input | None, None)

    def call(ctx: Ctx, id: str, **sent: Any) -> Awaitable[Any]:
        extra = () if input is None else (data(sent["input"]),)
        return service(ctx, decode_id(id, on), *extra)

    return mutation(returns or on, arguments, call, description, names)
