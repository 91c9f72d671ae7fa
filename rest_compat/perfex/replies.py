"""Perfex's replies: records as they are, `{status, message}` for writes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from resolvers.core.context import Ctx, Row
from resolvers.core.errors import DomainError, NotFound
from resolvers.core.pagination import Page
from rest_compat.envelopes import reply
from rest_compat.errors import BadRequest, failure_of, render
from rest_compat.reply_schemas import (
    BOOLEAN,
    INTEGER,
    STRING,
    array,
    describe,
    item_schema,
    obj_with,
    shape_schema,
)
from rest_compat.routing import Call, Operation, Shaper

NO_DATA = "No data were found"
Shape = Callable[[Row], Mapping[str, Any]]


def record(shape_row: Shape) -> Shaper:
    async def shape(call: Call, result: Row | None) -> Response:
        if result is None:
            raise NotFound(call.row.label, call.request.path_params.get("id", ""))
        return reply(shape_row(result))

    return describe(shape, shape_schema(shape_row))


def records(shape_row: Shape, *, empty_is_missing: bool = False) -> Shaper:
    """A bare array; searches answer 404 "No data were found" when nothing matches."""

    async def shape(call: Call, result: Page | Sequence[Row]) -> Response:
        rows = result.rows if isinstance(result, Page) else result
        if not rows and empty_is_missing:
            return reply({"status": False, "message": NO_DATA}, 404)
        return reply([shape_row(r) for r in rows])

    return describe(shape, array(shape_schema(shape_row)))


# Shapers that read neighbours (customers, lines, custom fields) once for all the rows.
Batch = Callable[[Ctx, Sequence[Row]], Awaitable[Sequence[Mapping[str, Any]]]]


RefusalShape = Callable[[Call, "Refused"], Response]


def wrote(
    message: str,
    *,
    id_key: str | None = None,
    key: str = "status",
    refused: RefusalShape | None = None,
) -> Shaper:
    """A write's reply; `id_key` names the new record's id the way the document does
    ("item_id", "reply_id"), beside the `id` every create carries. `refused` answers
    a failure the operation returned (see `refusing`)."""

    async def shape(call: Call, result: Any) -> Response:
        if isinstance(result, Refused):
            return refused(call, result) if refused else refusal(call, result, key=key)
        body: dict[str, Any] = {key: True, "message": message}
        if isinstance(result, Mapping) and "id" in result:
            if id_key:
                body[id_key] = call.encode(result["id"])
            if call.row.method == "POST":
                body["id"] = call.encode(result["id"])
        return reply(body)

    ids = {name: INTEGER for name in (id_key, "id") if name}
    return describe(shape, obj_with({key: BOOLEAN, "message": STRING}, ids))


def one(shape_rows: Batch, *, listed: bool = False) -> Shaper:
    """A record read; `listed` answers it inside an array, as some examples show."""

    async def shape(call: Call, result: Row | None) -> Response:
        if result is None:
            raise NotFound(call.row.label, call.request.path_params.get("id", ""))
        [shaped] = await shape_rows(call.ctx, [result])
        return reply([shaped] if listed else shaped)

    record = item_schema(shape_rows)
    return describe(shape, array(record) if listed else record)


def many(shape_rows: Batch, *, missing: str | None = NO_DATA, key: str = "status") -> Shaper:
    """A bare array; with `missing`, an empty one is a 404 with that message."""

    async def shape(call: Call, result: Any) -> Response:
        if isinstance(result, Refused):
            return refusal(call, result, key=key)
        rows = result.rows if isinstance(result, Page) else result
        if not rows and missing is not None:
            return reply({key: False, "message": missing}, 404)
        return reply(await shape_rows(call.ctx, rows))

    return describe(shape, array(item_schema(shape_rows)))


@dataclass(frozen=True)
class Refused:
    """A failure an operation answered instead of raising, for rows whose document
    shapes its failures its own way (a `paymentmode` key, an `error` text, a 400)."""

    error: Exception


def refusing(operation: Operation) -> Operation:
    async def call(ctx: Ctx, *args: Any, **kwargs: Any) -> Any:
        try:
            return await operation(ctx, *args, **kwargs)
        except DomainError as exc:
            return Refused(exc)

    # The router's refusal of a body before the operation (a field a create requires,
    # rest_compat.routing) is answered the same way.
    setattr(call, "refused", Refused)  # noqa: B010
    return call


def refusal(
    call: Call,
    refused: Refused,
    *,
    key: str = "status",
    statuses: Mapping[str, int] | None = None,
    error: str | None = None,
    message: str | None = None,
) -> Response:
    """The perfex failure body with the row's own key, status codes and texts."""
    rename = call.row.fields.client_name if call.row.fields else str
    failure = failure_of(refused.error, rename)
    status, body = render("perfex", failure, call.row.fail)
    status = (statuses or {}).get(failure.code, status)
    body = {key: False, **{k: v for k, v in body.items() if k != "status"}}
    if error is not None:
        body["error"] = error
    if message is not None:
        body["message"] = message
    return reply(body, status)


def not_added(status: int) -> Any:
    """Subscriptions and timesheets answer a failed add with `error: "Data not Added"`."""

    def shape(call: Call, refused: Refused) -> Response:
        return refusal(call, refused, statuses={"INVALID": status}, error="Data not Added")

    return shape


NOTHING_SENT = "Data Not Acceptable OR Not Provided"


def needs_data(operation: Operation) -> Operation:
    """Subscription and timesheet updates refuse an empty body with their own text."""

    async def call(ctx: Ctx, record_id: int, data: dict[str, Any]) -> Any:
        if not data:
            raise BadRequest(NOTHING_SENT)
        return await operation(ctx, record_id, data)

    return call


def not_updated(call: Call, refused: Refused) -> Response:
    return refusal(call, refused, statuses={"BAD_REQUEST": 404})
