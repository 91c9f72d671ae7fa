"""What every v1 route shares: reading pages, filters and body fields; shaping records,
paginated lists and deletes.

Lists answer `{"data": [...], "meta": {"page", "per_page", "total", "total_pages"}}`; a
list under a parent (/tickets/{id}/replies) is a 404 when the parent does not exist.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from starlette.responses import Response

from resolvers import activity, files
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import NotFound
from resolvers.core.numbers import ID_MAX, is_digits, whole_number
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.records import must_exist
from rest_compat.envelopes import DEFAULT_PER_PAGE, MAX_PER_PAGE, PageInfo, PageRequest, reply
from rest_compat.errors import BadRequest
from rest_compat.readers import QUERY_INT_MAX, query_bool, query_int, takes
from rest_compat.renames import FieldMap
from rest_compat.reply_schemas import (
    BOOLEAN,
    INTEGER,
    Schema,
    array,
    describe,
    obj,
    replies,
    shape_schema,
)
from rest_compat.routing import Args, Call, Endpoint, Operation, Param, Reader, Shaper
from rest_compat.v1.fields import Shape

AsyncShape = Callable[[Ctx, Row], Awaitable[Mapping[str, Any]]]
Getter = Callable[[Ctx, int], Awaitable[Row | None]]
# A service list: list_fn(ctx, PageArgs, **filters) -> Page.
CursorList = Callable[..., Awaitable[Page]]

PER_PAGE = f"Records per page (default {DEFAULT_PER_PAGE}, at most {MAX_PER_PAGE}); or limit"
PAGING = (Param("page", "Page number, from 1", "integer", 1, QUERY_INT_MAX),
          Param("per_page", PER_PAGE, "integer", 1, MAX_PER_PAGE))  # fmt: skip


def shaped(shape: Shape) -> AsyncShape:
    async def show(ctx: Ctx, row: Row) -> dict[str, Any]:
        return shape(row)

    return describe(show, shape.reply_schema())


def rows_of(table: str) -> AsyncShape:
    """Rows of one table shown whole (sub-lists, reference lists): their columns are
    the reply's fields."""
    return shaped(Shape(table=table))


# An event's `changes`: for an update each changed field's [old, new] pair, otherwise the
# record's summary as written; values are the record's own (any JSON), keyed by field.
CHANGES: Schema = {
    "type": "object",
    "additionalProperties": {},
    "description": 'By field name: [old, new] for an update ({"status": [1, 2]}), '
    "otherwise the record's summary fields and their values",
}
EVENT = Shape(table="events")


async def _event(ctx: Ctx, row: Row) -> dict[str, Any]:
    return EVENT(row)


# A history entry (activity_of): the event's columns, `changes` decoded.
event_shape = describe(_event, EVENT.reply_schema(extra={"changes": CHANGES}))


def record(shape: AsyncShape, status: int = 200) -> Shaper:
    async def reply_with(call: Call, result: Row | None) -> Response:
        if result is None:
            raise NotFound(call.row.label, call.path("id"))
        return reply(await shape(call.ctx, result), status)

    return describe(reply_with, shape_schema(shape))


# What page_of reads: a plan's page takes these and no other (rest_compat.plans.page).
PAGE_PARAMS = ("page", "per_page", "limit")


def page_of(call: Call) -> PageRequest:
    per_page = query_int(call, "per_page", 0, low=1, high=MAX_PER_PAGE) or query_int(
        call, "limit", DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE
    )
    return PageRequest(page=query_int(call, "page", 1), per_page=per_page)


META = obj(page=INTEGER, per_page=INTEGER, total=INTEGER, total_pages=INTEGER)


def listed(record: Schema) -> Schema:
    return obj(data=array(record), meta=META)


def page_body(data: Any, info: PageInfo) -> dict[str, Any]:
    """A page's envelope around its records (a list, or a plan's text)."""
    meta = {"page": info.page, "per_page": info.per_page, "total": info.total,
            "total_pages": info.total_pages}  # fmt: skip
    return {"data": data, "meta": meta}


def _envelope(rows: Sequence[Mapping[str, Any]], info: PageInfo) -> Response:
    return reply(page_body(list(rows), info))


def listing(shape: AsyncShape) -> Shaper:
    """A page from the service, or a whole list (reference lists, a task's checklist):
    a whole list is answered in full unless the client asks for a page of it."""

    async def reply_with(call: Call, result: Page | Sequence[Row]) -> Response:
        if isinstance(result, Page):
            asked = page_of(call)
            rows = result.rows
            info = PageInfo.of(result, asked)
        else:
            rows, info = _slice(call, list(result))
        data = await asyncio.gather(*(shape(call.ctx, r) for r in rows))
        return _envelope(data, info)

    return describe(reply_with, listed(shape_schema(shape)))


def _slice(call: Call, rows: list[Row]) -> tuple[list[Row], PageInfo]:
    if not {"page", "per_page", "limit"} & set(call.query):
        return rows, PageInfo(1, len(rows), len(rows), len(rows))
    asked = page_of(call)
    shown = rows[asked.offset : asked.offset + asked.per_page]
    return shown, PageInfo(asked.page, asked.per_page, len(rows), len(shown))


@replies(obj(id=INTEGER, deleted=BOOLEAN))
async def deleted(call: Call, result: Row) -> Response:
    return reply({"id": result["id"], "deleted": True})


@dataclass(frozen=True)
class Q:
    """A documented list filter: read from the query string, passed to the service as
    `target` (its name by default)."""

    name: str
    kind: str = "string"  # string, integer, date or boolean
    target: str = ""
    description: str = ""
    # The text the service reads this filter as, where it reads less than any.
    pattern: str | None = None
    # The service's own bound on a number, where it is below what query_int reads.
    maximum: int = QUERY_INT_MAX

    @property
    def param(self) -> Param:
        if self.kind == "integer":
            # As `read` takes it: query_int from 0.
            return Param(self.name, self.description, self.kind, 0, self.maximum)
        return Param(self.name, self.description, self.kind, pattern=self.pattern)

    def read(self, call: Call) -> Any:
        raw = call.query.get(self.name)
        # A blank value is no filter (as v2's are).
        if raw is None or not raw.strip():
            return None
        if self.kind == "integer":
            return query_int(call, self.name, 0, low=0)
        if self.kind == "boolean":
            return query_bool(call, self.name)
        if self.kind == "date":
            try:
                return dt.date.fromisoformat(str(raw).strip())
            except ValueError:
                raise BadRequest(
                    f"{self.name} must be a date: YYYY-MM-DD", field=self.name
                ) from None
        return str(raw).strip()


SEARCH = Q("search", description="Words to find")
# A list of a customer's records, the customer named as the document does or as the
# service does.
BY_CUSTOMER = (
    Q("clientid", "integer", "customer_id", "The customer's id"),
    Q("customer_id", "integer"),
)


def params(*filters: Q) -> tuple[Param, ...]:
    return (*PAGING, *(f.param for f in filters))


def filtered(filters: Sequence[Q], call: Call) -> dict[str, Any]:
    found = ((f.target or f.name, f.read(call)) for f in filters)
    return {name: value for name, value in found if value is not None}


def pages(*filters: Q, **fixed: Any) -> Reader:
    """A top-level list: a page and the filters the client gave."""

    async def read(call: Call) -> Args:
        return (page_of(call).args,), {**fixed, **filtered(filters, call)}

    return read


def parent_pages(*filters: Q) -> Reader:
    """A list under a parent: the parent's id, a page and the filters."""

    async def read(call: Call) -> Args:
        return (call.id("id"), page_of(call).args), filtered(filters, call)

    return read


@dataclass(frozen=True)
class Parent:
    """A record and the rows under its path (/api/v1/tasks/{id}/...): each names the
    record `label` when its id finds none."""

    path: str  # the collection's: /api/v1/tasks
    get: Getter
    label: str

    def row(
        self, method: str, tail: str, operation: Operation, read: Reader, shape: Shaper,
        title: str, **more: Any,
    ) -> Endpoint:  # fmt: skip
        return Endpoint(method, f"{self.path}/{{id}}/{tail}", operation, read, shape, title,
                        label=self.label, **more)  # fmt: skip

    def list(
        self, tail: str, operation: Operation, shape: AsyncShape, title: str, *filters: Q
    ) -> Endpoint:
        """A page of the records `operation` lists under this one, and the filters."""
        return self.row("GET", tail, operation, parent_pages(*filters), listing(shape), title,
                        query=params(*filters))  # fmt: skip

    def checked(
        self, tail: str, list_fn: Operation, shape: AsyncShape, title: str, *filters: Q
    ) -> Endpoint:
        """`list_fn(ctx, id, page, **filters)`'s records, once this record is found to exist."""

        async def operation(ctx: Ctx, parent_id: int, page: PageArgs, **given: Any) -> Page:
            must_exist(await self.get(ctx, parent_id), self.label, parent_id)
            result: Page = await list_fn(ctx, parent_id, page, **given)
            return result

        return self.list(tail, operation, shape, title, *filters)

    def under(
        self, tail: str, list_fn: CursorList, key: str, shape: AsyncShape, title: str,
        *filters: Q, **fixed: Any,
    ) -> Endpoint:  # fmt: skip
        """`list_fn`'s records whose `key` is this record's id."""

        async def narrowed(ctx: Ctx, parent_id: int, page: PageArgs, **given: Any) -> Page:
            return await list_fn(ctx, page, **{key: parent_id}, **fixed, **given)

        return self.checked(tail, narrowed, shape, title, *filters)

    def files(self, tail: str, title: str) -> Endpoint:
        """The files attached to this record (rel_type: the label's noun: task, ticket...)."""
        return self.under(tail, files.list_files, "rel_id", rows_of("files"), title,
                          rel_type=self.label.lower())  # fmt: skip

    def activity(self, tail: str, title: str) -> Endpoint:
        """This record's history: its events and those filed under it, oldest first."""

        async def feed(ctx: Ctx, parent_id: int, page: PageArgs) -> Page:
            # The events' resource is the label's noun (ticket, lead, project).
            return await activity.feed(ctx, self.label.lower(), parent_id, page)

        return self.checked(tail, feed, event_shape, title)


def id_and_value(
    name: str, *kinds: type, model: type[BaseModel] | None = None, description: str = ""
) -> Reader:
    """Actions that take one body field (`{"staff_id": 5}`): the id and that value. The
    document states the field as this reader takes it, or as `model` (the service's
    input model, which checks it after) declares it."""
    accepted = kinds or (int, str)
    shown: dict[str, Any] = {"type": [_JSON_TYPES[k] for k in accepted]}
    if len(accepted) == 1:
        shown["type"] = _JSON_TYPES[accepted[0]]
    if accepted == (int,):
        # An id as whole_number reads it; past its range it names nothing.
        shown.update(minimum=0, maximum=ID_MAX)
    if description:
        shown["description"] = description
    declared = FieldMap(
        fields={}, model=model, only=(name,), required=(name,), whole=True,
        schema={} if model is not None else {name: shown},
    )  # fmt: skip

    async def read(call: Call) -> Args:
        # The action takes its one field: another is a mistake to name, not to drop.
        for other in call.body:
            if other != name:
                raise BadRequest(f"{other} is not a field here; send {name}", field=other)
        value = call.body.get(name)
        if value is None:
            raise BadRequest(f"{name} is required", field=name)
        if isinstance(value, float) and value.is_integer():
            # JSON's 26209.0 is the whole number 26209 (as the models read it).
            value = int(value)
        digits = isinstance(value, str) and is_digits(value.strip())
        if int in accepted and (digits or isinstance(value, int)) and not isinstance(value, bool):
            number = whole_number(value)
            if number is None:
                raise BadRequest(f"{name} is out of range", field=name)
            value = number
        if isinstance(value, bool) or not isinstance(value, accepted):
            names = " or ".join("a number" if k is int else "text" for k in accepted)
            raise BadRequest(f"{name} must be {names}", field=name)
        return (call.id("id"), value), {}

    return takes(read, declared)


_JSON_TYPES = {int: "integer", str: "string"}
