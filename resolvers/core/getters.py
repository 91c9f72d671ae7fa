"""The generic read of one record, as a domain exports it (`get_task`): declared so the
compiled read path may bypass it (`json_select.bypass.generic_read`), and named after
the domain module, by which a route row finds its resource (rest_compat.routing)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from resolvers.core import reading
from resolvers.core.context import Ctx, Row
from resolvers.core.json_select.bypass import generic_read
from resolvers.core.resources import Resource

Getter = Callable[[Ctx, int], Awaitable[Row | None]]


def getter(res: Resource, module: str, name: str) -> Getter:
    """`name(ctx, record_id)` of module `module`: the live record of `res`, or None.
    It only returns the generic read (tests/schema/test_compiled_bypass reads it)."""

    @generic_read(res)
    async def get(ctx: Ctx, record_id: int) -> Row | None:
        return await reading.get_record(ctx, res, record_id)

    get.__name__ = get.__qualname__ = name
    get.__module__ = module
    return get
