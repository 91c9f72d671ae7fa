"""Perfex's lists: every record at once (its bare arrays), searches by keywords, and
the numbered pages of the ticket and item lists ({data, meta})."""

from __future__ import annotations

import math
from typing import Any

from starlette.responses import Response

from resolvers.core.context import Ctx, Row
from resolvers.core.pagination import MAX_PAGE_SIZE, Page, PageArgs
from rest_compat.envelopes import reply
from rest_compat.perfex.replies import NO_DATA, Batch
from rest_compat.readers import QUERY_INT_MAX, numbered_page, path_text
from rest_compat.reply_schemas import INTEGER, array, describe, item_schema, obj
from rest_compat.routing import Args, Call, Operation, Param, Shaper


def every(list_fn: Operation) -> Operation:
    """All the records a service list gives, read a page at a time (Perfex lists have
    no pages: a client asking for the list gets all of it)."""

    async def read_all(ctx: Ctx, **filters: Any) -> list[Row]:
        rows: list[Row] = []
        after: str | None = None
        while True:
            page: Page = await list_fn(
                ctx, PageArgs(first=MAX_PAGE_SIZE, after=after), count=False, **filters
            )
            rows.extend(page.rows)
            if not page.has_next or not page.rows:
                return rows
            after = page.cursor(page.rows[-1])

    return read_all


async def everything(call: Call) -> Args:
    return (), {}


async def keywords(call: Call) -> Args:
    """The search words of /search/{keysearch}: several words, URL-encoded or not."""
    (term,), _ = await path_text("keysearch")(call)
    return (), {"search": term}


PAGING = (
    Param("page", "Page number, from 1", "integer", 1, QUERY_INT_MAX),
    Param(
        "per_page",
        f"Records per page (1 to {MAX_PAGE_SIZE}, default 20)",
        "integer",
        1,
        MAX_PAGE_SIZE,
    ),
)


async def numbered(call: Call) -> Args:
    return (numbered_page(call, high=MAX_PAGE_SIZE).args,), {"count": True}


async def numbered_search(call: Call) -> Args:
    args, kwargs = await numbered(call)
    _, search = await keywords(call)
    return args, {**kwargs, **search}


def paged(shape_rows: Batch, *, empty_is_missing: bool = False) -> Shaper:
    """{data, meta: {current_page, per_page, total, last_page}}."""

    async def shape(call: Call, result: Page) -> Response:
        asked = numbered_page(call, high=MAX_PAGE_SIZE)
        if not result.rows and empty_is_missing:
            return reply({"status": False, "message": NO_DATA}, 404)
        total = result.total or 0
        meta = {
            "current_page": asked.page,
            "per_page": asked.per_page,
            "total": total,
            "last_page": max(1, math.ceil(total / asked.per_page)),
        }
        return reply({"data": await shape_rows(call.ctx, result.rows), "meta": meta})

    meta = obj(current_page=INTEGER, per_page=INTEGER, total=INTEGER, last_page=INTEGER)
    return describe(shape, obj(data=array(item_schema(shape_rows)), meta=meta))
