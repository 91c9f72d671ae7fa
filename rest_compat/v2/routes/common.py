"""What v2's route modules share: pages (`page`, `limit`), the `{success, data, meta}`
envelope, and query filters refused field by field."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from resolvers.core.numbers import ID_MAX, whole_number
from resolvers.core.pagination import Page
from rest_compat.envelopes import DEFAULT_PER_PAGE, MAX_PER_PAGE, PageInfo, PageRequest, reply
from rest_compat.readers import QUERY_INT_MAX, body, numbered_page
from rest_compat.renames import FieldMap
from rest_compat.reply_schemas import BOOLEAN, INTEGER, Schema, array, describe, obj, shape_schema
from rest_compat.routing import Args, Call, Endpoint, Operation, Param, Reader, Shaper

Shape = Callable[[Ctx, Row], Awaitable[Mapping[str, Any]]]

PAGING = (Param("page", "Page number", "integer", 1, QUERY_INT_MAX),
          Param("limit", f"Results per page (default {DEFAULT_PER_PAGE})", "integer", 1,
                MAX_PER_PAGE))  # fmt: skip


# What page_of reads: a plan's page takes these and no other (rest_compat.plans.page).
PAGE_PARAMS = ("page", "limit")


def page_of(call: Call) -> PageRequest:
    return numbered_page(call, "limit")


META = obj(current_page=INTEGER, total_pages=INTEGER, total_records=INTEGER)


def listed(record: Schema) -> Schema:
    return obj(success=BOOLEAN, data=array(record), meta=META)


def one(record: Schema) -> Schema:
    return obj(success=BOOLEAN, data=record)


def page_body(data: Any, info: PageInfo) -> dict[str, Any]:
    """A page's envelope around its records (a list, or a plan's text)."""
    meta = {"current_page": info.page, "total_pages": info.total_pages,
            "total_records": info.total}  # fmt: skip
    return {"success": True, "data": data, "meta": meta}


def one_body(data: Any) -> dict[str, Any]:
    """A record's envelope (the record, or a plan's text)."""
    return {"success": True, "data": data}


def listing(shape: Shape) -> Shaper:
    async def reply_with(call: Call, result: Page) -> Response:
        info = PageInfo.of(result, page_of(call))
        data = await asyncio.gather(*(shape(call.ctx, r) for r in result.rows))
        return reply(page_body(list(data), info))

    return describe(reply_with, listed(shape_schema(shape)))


def record(shape: Shape, status: int = 200) -> Shaper:
    async def reply_with(call: Call, result: Row) -> Response:
        return reply(one_body(await shape(call.ctx, result)), status)

    return describe(reply_with, one(shape_schema(shape)))


def query_id(call: Call, name: str) -> int | None:
    raw = (call.query.get(name) or "").strip()
    if not raw:
        return None
    number = whole_number(raw)
    if number is None:
        raise Invalid.field(name, "must be an id")
    return number


def query_date(call: Call, name: str) -> dt.date | None:
    raw = (call.query.get(name) or "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise Invalid.field(name, "must be a date like 2024-01-15") from None


def query_text(call: Call, name: str) -> str | None:
    return (call.query.get(name) or "").strip() or None


def filters(**given: Any) -> dict[str, Any]:
    """The filters a client gave; the ones it left out are not filters."""
    return {k: v for k, v in given.items() if v is not None}


@dataclass(frozen=True)
class Filter:
    """A list's query filter: the documented parameter and how its value is read."""

    param: Param
    read: Callable[[Call, str], Any]


def text(name: str, description: str = "", pattern: str | None = None) -> Filter:
    """Words, or (`pattern`) the names the service reads this filter as."""
    return Filter(Param(name, description, pattern=pattern), query_text)


def number(name: str, description: str = "") -> Filter:
    # As query_id reads it (whole_number's range).
    return Filter(Param(name, description, "integer", 0, ID_MAX), query_id)


def day(name: str, description: str) -> Filter:
    return Filter(Param(name, description, "date"), query_date)


def filtered_pages(*given: Filter) -> Reader:
    """A page and the filters a list declares, each read by its kind, in their order."""

    async def read(call: Call) -> Args:
        values = {f.param.name: f.read(call, f.param.name) for f in given}
        return (page_of(call).args,), filters(**values)

    return read


def filter_params(*given: Filter) -> tuple[Param, ...]:
    return (*PAGING, *(f.param for f in given))


def list_row(path: str, list_fn: Operation, shape: Shape, title: str, *given: Filter) -> Endpoint:
    """GET `path`: a page of `shape`d records and the filters the list declares."""
    return Endpoint("GET", path, list_fn, filtered_pages(*given), listing(shape), title,
                    query=filter_params(*given))  # fmt: skip


def create_row(
    path: str, create_fn: Operation, shape: Shape, title: str, fields: FieldMap
) -> Endpoint:
    """POST `path`: the body's record created, answered 201 as `shape` shows it."""
    return Endpoint("POST", path, create_fn, body(), record(shape, 201), title, fields=fields,
                    status=201)  # fmt: skip
