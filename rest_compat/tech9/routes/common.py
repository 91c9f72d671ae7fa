"""What tech9's route modules share: pages, created and accepted replies, status replies."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from starlette.responses import Response

from resolvers.core.context import Ctx, Row
from resolvers.core.pagination import Page
from rest_compat.envelopes import MAX_PER_PAGE, PageInfo, no_content, reply
from rest_compat.readers import QUERY_INT_MAX, numbered_page
from rest_compat.reply_schemas import (
    INTEGER,
    STRING,
    Schema,
    array,
    describe,
    nullable,
    obj,
    replies,
    shape_schema,
)
from rest_compat.routing import Call, Param, Shaper

PAGING = (Param("page", "Page number, from 1", "integer", 1, QUERY_INT_MAX),
          Param("per_page", f"Records per page, at most {MAX_PER_PAGE}", "integer", 1,
                MAX_PER_PAGE))  # fmt: skip


# What page_of reads: a plan's page takes these and no other (rest_compat.plans.page).
PAGE_PARAMS = ("page", "per_page")


page_of = numbered_page


def page(record: Schema) -> Schema:
    """`paginated`'s envelope around records of this schema."""
    return obj(data=array(record), page=INTEGER, per_page=INTEGER, total=nullable(INTEGER))


def paginated(call: Call, data: Sequence[Any], total: int | None) -> Response:
    asked = page_of(call)
    return reply({"data": list(data), "page": asked.page, "per_page": asked.per_page,
                  "total": total})  # fmt: skip


def page_body(data: Any, info: PageInfo) -> dict[str, Any]:
    """`paginated`'s envelope around a plan's records (rest_compat.plans.page)."""
    return {"data": data, "page": info.page, "per_page": info.per_page, "total": info.total}


@replies(obj(id=INTEGER))
async def created(call: Call, result: Row) -> Response:
    return reply({"id": result["id"]}, 201)


@replies(None)
async def deleted(call: Call, result: Row) -> Response:
    return no_content()


def status_of(name: Callable[[Row], str | None], status: int = 200) -> Shaper:
    """`{"status": ...}`, as tech9 answers a document's send, accept and decline."""

    async def shape(call: Call, result: Row) -> Response:
        return reply({"status": name(result)}, status)

    return describe(shape, obj(status=nullable(STRING)))


Shape = Callable[[Ctx, Row], Awaitable[Mapping[str, Any]]]


def listed(shape: Shape) -> Shaper:
    """A page of records, each as `shape` shows it, in `paginated`'s envelope."""

    async def reply_with(call: Call, result: Page) -> Response:
        data = await asyncio.gather(*(shape(call.ctx, r) for r in result.rows))
        return paginated(call, data, result.total)

    return describe(reply_with, page(shape_schema(shape)))


def record(shape: Shape, status: int = 200) -> Shaper:
    async def reply_with(call: Call, result: Row) -> Response:
        return reply(await shape(call.ctx, result), status)

    return describe(reply_with, shape_schema(shape))
