"""The automation endpoints (Zapier, Make.com, n8n): which resources may be polled, the
records changed since a moment, and a sample record to set a trigger up with."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from starlette.responses import Response

from resolvers.core import polling
from resolvers.core.context import Ctx, Row
from rest_compat.envelopes import reply
from rest_compat.errors import BadRequest
from rest_compat.perfex import documents, fields, people, support, work
from rest_compat.readers import any_case_of, query_int
from rest_compat.records import rows_of
from rest_compat.reply_schemas import (
    BOOLEAN,
    INTEGER,
    NUMBER,
    STRING,
    Schema,
    array,
    item_schema,
    obj,
    replies,
)
from rest_compat.routing import Args, Call, Param

RESOURCE_REQUIRED = "Resource parameter required"
MAX_UNIX = Decimal(253402300799)  # 9999-12-31 23:59:59
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


Shape = Callable[[Ctx, Sequence[Row]], Awaitable[Sequence[Mapping[str, Any]]]]
SHAPES: dict[str, Shape] = {
    "customers": rows_of(fields.CUSTOMER),
    "invoices": documents.searched(documents.INVOICES),
    "leads": people.leads_shown,
    "tasks": work.tasks_shown,
    "tickets": support.tickets_shown,
}
# What a test trigger shows for a resource that has no record yet.
SAMPLES: dict[str, dict[str, Any]] = {
    "customers": {"id": 1, "company": "Sample Company", "email": "sample@example.com",
                  "phone": "+1234567890"},
    "invoices": {"id": 1, "number": "INV-000001", "total": "100.00", "status": "1"},
    "leads": {"id": 1, "name": "Sample Lead", "email": "lead@example.com"},
    "tasks": {"id": 1, "name": "Sample Task", "status": "1"},
    "tickets": {"id": 1, "subject": "Sample Ticket", "status": "1"},
}  # fmt: skip
POLL_QUERY = (
    Param("since", "Unix time; records changed after it (default: the last 24 hours)",
          "number", 0, int(MAX_UNIX)),
    Param("limit", f"At most this many records (default {polling.DEFAULT_LIMIT}, at most "
          f"{polling.MAX_LIMIT})", "integer", 1, polling.MAX_LIMIT),
)  # fmt: skip


# The resource a poll or a test names: one there is to poll, in any case (spaces around).
RESOURCE = Param("resource", f"One of {', '.join(polling.POLLABLE)}",
                 pattern=any_case_of(polling.POLLABLE))  # fmt: skip


def _resource(call: Call) -> str:
    name = call.path("resource").strip().lower()
    if name not in polling.POLLABLE:
        raise BadRequest(RESOURCE_REQUIRED, field="resource")
    return name


def _since(call: Call) -> datetime | None:
    """Unix time, whole seconds or to the microsecond (a `next_poll` given back)."""
    raw = call.query.get("since")
    if raw in (None, ""):
        return None
    try:
        seconds = Decimal(str(raw).strip())
    except InvalidOperation:
        seconds = Decimal(-1)
    if not seconds.is_finite() or seconds < 0 or seconds > MAX_UNIX:
        raise BadRequest("since must be a unix time in seconds", field="since")
    whole = int(seconds)
    micro = int((seconds - whole) * 1_000_000)
    return EPOCH + timedelta(seconds=whole, microseconds=micro)


def unix(moment: datetime) -> int | float:
    # Whole seconds as the document shows them; a page's end to the microsecond.
    whole = (moment - EPOCH) // timedelta(seconds=1)
    stamp = Decimal(whole) + Decimal(moment.microsecond) / 1_000_000
    return int(stamp) if moment.microsecond == 0 else float(stamp)


async def poll_query(call: Call) -> Args:
    limit = query_int(call, "limit", polling.DEFAULT_LIMIT, high=polling.MAX_LIMIT)
    return (_resource(call),), {"since": _since(call), "limit": limit}


async def test_query(call: Call) -> Args:
    return (_resource(call),), {}


def _sample(sample: Mapping[str, Any]) -> Schema:
    # A sample's fields, read off the sample itself: its values are ids and text.
    return obj(**{k: INTEGER if isinstance(v, int) else STRING for k, v in sample.items()})


# A polled record is whichever the resource's shaper makes; a test sample may also be
# the resource's stand-in when it has no record yet.
RECORDS = [item_schema(shape) for shape in SHAPES.values()]
RESOURCES = obj(status=BOOLEAN, data=array(obj(key=STRING, label=STRING, description=STRING)))
POLLED = obj(status=BOOLEAN, data=array({"anyOf": RECORDS}),
             meta=obj(since=NUMBER, count=INTEGER, next_poll=NUMBER))  # fmt: skip
SAMPLED = obj(status=BOOLEAN,
              data={"anyOf": RECORDS + [_sample(s) for s in SAMPLES.values()]})  # fmt: skip


@replies(RESOURCES)
async def resources_shown(call: Call, result: list[polling.Pollable]) -> Response:
    data = [{"key": p.key, "label": p.label, "description": p.description} for p in result]
    return reply({"status": True, "data": data})


@replies(POLLED)
async def polled(call: Call, result: polling.Polled) -> Response:
    data = await SHAPES[call.path("resource").strip().lower()](call.ctx, result.rows)
    meta = {"since": unix(result.since), "count": len(data), "next_poll": unix(result.next_poll)}
    return reply({"status": True, "data": data, "meta": meta})


@replies(SAMPLED)
async def sampled(call: Call, result: Row | None) -> Response:
    name = call.path("resource").strip().lower()
    data = SAMPLES[name] if result is None else (await SHAPES[name](call.ctx, [result]))[0]
    return reply({"status": True, "data": data})


@dataclass(frozen=True)
class Routed:
    method: str
    result: Any


async def route_query(call: Call) -> Args:
    method = call.path("method").strip().lower().removesuffix("_get")
    if method == "poll":
        args, kwargs = await poll_query(call)
    elif method == "test":
        args, kwargs = await test_query(call)
    else:
        args, kwargs = (), {}
    return (method, *args), kwargs


async def route(ctx: Ctx, method: str, *args: Any, **kwargs: Any) -> Routed:
    """The route handler: /api/zapier/{method}/{resource} -> poll, test or resources."""
    operations: dict[str, Callable[..., Awaitable[Any]]] = {
        "poll": polling.poll_changes,
        "test": polling.sample_record,
        "resources": polling.list_pollable,
    }
    operation = operations.get(method)
    if operation is None:
        return Routed(method, None)
    result = await operation(ctx, *args, **kwargs)
    return Routed(method, result)


# Whichever the method names: a poll, a test sample or the resource list.
@replies({"anyOf": [POLLED, SAMPLED, RESOURCES]})
async def routed(call: Call, result: Routed) -> Response:
    if result.method == "poll":
        return await polled(call, result.result)
    if result.method == "test":
        return await sampled(call, result.result)
    if result.method == "resources":
        return await resources_shown(call, result.result)
    name = call.path("method").strip()
    return reply({"error": f"Method not found: {name.removesuffix('_get')}_get"}, 404)
