"""Perfex's replies: records as they are, `{status, message}` for writes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from starlette.responses import Response

from resolvers.context import Row
from resolvers.errors import NotFound
from resolvers.pagination import Page
from rest_compat.envelopes import reply
from rest_compat.routing import Call, Shaper

NO_DATA = "No data were found"
Shape = Callable[[Row], dict[str, Any]]


def written(message: str) -> Shaper:
    """A write's reply; a create also carries the new record's id (the join rule)."""

    async def shape(call: Call, result: Any) -> Response:
        body: dict[str, Any] = {"status": True, "message": message}
        if call.row.method == "POST" and isinstance(result, Mapping) and "id" in result:
            body["id"] = call.encode(result["id"])
        return reply(body)

    return shape


def record(shape_row: Shape) -> Shaper:
    async def shape(call: Call, result: Row | None) -> Response:
        if result is None:
            raise NotFound(call.row.label, call.request.path_params.get("id", ""))
        return reply(shape_row(result))

    return shape


def records(shape_row: Shape, *, empty_is_missing: bool = False) -> Shaper:
    """A bare array; searches answer 404 "No data were found" when nothing matches."""

    async def shape(call: Call, result: Page | Sequence[Row]) -> Response:
        rows = result.rows if isinstance(result, Page) else result
        if not rows and empty_is_missing:
            return reply({"status": False, "message": NO_DATA}, 404)
        return reply([shape_row(r) for r in rows])

    return shape
