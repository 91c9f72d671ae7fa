"""Numbered pages (page N of size M, as legacy clients ask) over the service lists."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from resolvers.core.context import Ctx
from resolvers.core.pagination import Page
from rest_compat.envelopes import PageRequest

CursorList = Callable[..., Awaitable[Page]]


async def numbered(list_fn: CursorList, ctx: Ctx, asked: PageRequest, **filters: Any) -> Page:
    """Page `asked.page` of `list_fn(ctx, PageArgs, **filters)`."""
    return await list_fn(ctx, asked.args, **filters)
