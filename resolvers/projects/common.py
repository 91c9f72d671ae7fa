"""Input types, null rules, generated lists and grouped reads the work domains (projects,
tasks, timesheets, tickets, contracts, subscriptions, expenses...) share."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Awaitable, Callable, Iterable, Mapping
from decimal import Decimal
from typing import Annotated, Any, Literal, Union, cast

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from sqlalchemy import ColumnElement, Table
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

from resolvers.core import reading
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Invalid, refusal
from resolvers.core.nulls import NOT_NULL
from resolvers.core.numbers import is_digits, whole_number
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.records import must_fetch
from resolvers.core.resources import Resource
from resolvers.models import Project, table_of
from resolvers.models.types import utcnow
from resolvers.totals import money

# The largest amount a Fixed(15, 2) column holds.
MAX_AMOUNT = Decimal("9999999999999.99")


def today() -> dt.date:
    return utcnow().date()


def _as_utc(value: dt.datetime) -> dt.datetime:
    # A time without a zone is read as UTC: the documents send "2026-02-10 09:00:00".
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def _text_time(value: Any) -> Any:
    # A time is ISO 8601 text, as every document writes it: pydantic's lax mode would
    # read a number as Unix seconds or milliseconds by its size, which none says.
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("a time as ISO 8601 text, e.g. 2026-02-10T09:00:00Z")
    return value


UtcDateTime = Annotated[dt.datetime, BeforeValidator(_text_time), AfterValidator(_as_utc)]

# The latest second a datetime holds (9999-12-31T23:59:59Z).
_LAST_SECOND = 253_402_300_799


def _unix_seconds(value: Any) -> Any:
    # Perfex documents a subscription's billing times as BigInt timestamps (Unix seconds),
    # which a form sends as text.
    if isinstance(value, str) and is_digits(value.strip()):
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON's 787.0 is the integer the document takes
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value <= _LAST_SECOND:
            raise ValueError(f"Unix seconds from 0 to {_LAST_SECOND}, or ISO 8601 text")
        return dt.datetime.fromtimestamp(value, dt.UTC)
    return _text_time(value)


UnixTime = Annotated[
    dt.datetime,
    BeforeValidator(_unix_seconds),
    AfterValidator(_as_utc),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": _LAST_SECOND},
                {"type": "string", "format": "date-time"},
            ]
        }
    ),
]
Amount = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT), AfterValidator(money)]


def _tags(value: Any) -> Any:
    """Tags as one comma-separated string, from a list or a string, without duplicates."""
    if isinstance(value, list) and all(isinstance(p, str) for p in value):
        parts = value
    elif isinstance(value, str):
        parts = value.split(",")
    elif value is None:
        return value
    else:
        raise ValueError("must be text or a list of text")
    cleaned = (part.strip() for part in parts)
    return ",".join(dict.fromkeys(tag for tag in cleaned if tag))


# A list of text is joined (the list is only for the document: no list reaches it).
Tags = Annotated[Annotated[str, Field(max_length=10_000)] | list[str], BeforeValidator(_tags)]


def _id_list(value: Any) -> Any:
    """Ids as a list, a comma-separated string "1,2,3" or a JSON array "[1,2,3]" (Perfex).
    A blank entry ("", "1,,2": a form's blank `taxes=`) is no id: it reaches the list as
    sent, which refuses it naming its position, as the document's list of ids says."""
    if isinstance(value, int) and not isinstance(value, bool):
        return [value]
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("["):
        try:
            return json.loads(text)
        except ValueError:
            raise ValueError("must be a list of ids") from None
    return [part.strip() for part in text.split(",")]


IdList = Annotated[list[int], BeforeValidator(_id_list), Field(max_length=100)]


def _key(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


def coded(names: Mapping[str, int], valid: Iterable[int]) -> BeforeValidator:
    """A code given by number ("2", 2) or by name ("high", "In progress")."""
    allowed = sorted(set(valid))
    hint = f"must be one of {', '.join(map(str, allowed))} or {', '.join(names)}"

    def parse(value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError(hint)
        if isinstance(value, str) and not is_digits(value.strip()):
            number = names.get(_key(value))
            if number is None:
                raise ValueError(hint)
            return number
        if isinstance(value, int | str):
            number = whole_number(value)
            if number is None or number not in allowed:
                raise ValueError(hint)
            return number
        return value

    # What a client may send, as the OpenAPI document states it: one
    # of the codes, or one of the names (compared without case, spaces or dashes).
    sent: Any = Union[Literal.__getitem__(tuple(allowed)), Literal.__getitem__(tuple(names))]  # noqa: UP007
    return BeforeValidator(parse, json_schema_input_type=sent)


def name_key(name: str) -> str:
    """How a status or priority name is compared: case, spaces, dashes and underscores aside."""
    return _key(name)


def settle(
    values: dict[str, Any],
    required: Iterable[str] = (),
    blank: Iterable[str] = (),
    message: str = NOT_NULL,
) -> dict[str, Any]:
    """The nulls a domain checks itself, before any row is read: one on a `required`
    field is refused naming it (the first in `required` order), one on a `blank` text
    field is stored as "" (see resolvers.core.nulls)."""
    for name in required:
        if name in values and values[name] is None:
            raise Invalid.field(name, message)
    for name in blank:
        if name in values and values[name] is None:
            values[name] = ""
    return values


# A list argument's clause, given the request and the value its caller sent (never None);
# a filter that looks a name up first (`filtering.naming`) returns it to be awaited.
Clause = ColumnElement[bool]
ListFilter = Callable[[Ctx, Any], Clause | Awaitable[Clause]]


def _equals(table: Table, column: str) -> ListFilter:
    return lambda _, value: table.c[column] == value


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def days_of(column: ColumnElement[Any]) -> dict[str, ListFilter]:
    """date_from and date_to on a time column: the UTC days it falls on, both included."""
    return {
        "date_from": lambda _, day: column >= _midnight(day),
        "date_to": lambda _, day: column < _midnight(day + dt.timedelta(days=1)),
    }


def lister(
    res: Resource, module: str, *columns: str, **filters: ListFilter
) -> Callable[..., Awaitable[Page]]:
    """`list_<res.name>(ctx, page, *, <column>=None, <filter>=None, **query)` of module
    `module`: the page of `res` where each column given equals its value and each filter
    given holds; the rest of `query` is the generic read's."""
    clauses = {column: _equals(res.table, column) for column in columns} | filters

    async def listing(ctx: Ctx, page: PageArgs, **query: Any) -> Page:
        scope = []
        for key, clause in clauses.items():
            if (value := query.pop(key, None)) is not None:
                found = clause(ctx, value)
                # Cast: ColumnElement has untyped bases, so isinstance does not narrow it away.
                scope.append(
                    found
                    if isinstance(found, ColumnElement)
                    else await cast(Awaitable[Clause], found)
                )
        return await reading.list_records(ctx, res, page, scope=scope, **query)

    listing.__name__ = listing.__qualname__ = f"list_{res.name}"
    listing.__module__ = module
    return listing


async def check_references(
    conn: AsyncConnection,
    values: Mapping[str, Any],
    row: Row,
    references: Iterable[tuple[str, type[SQLModel], str]],
) -> None:
    """Each (field, model, label) reference the write sets names a live record, and the
    project, as it will be after the write, is a project of the record's customer."""
    for field, model, label in references:
        if field in values:
            await must_fetch(conn, table_of(model), values[field], label, field)
    if "project_id" in values or "customer_id" in values:
        project_id = values.get("project_id", row.get("project_id"))
        project = await must_fetch(conn, table_of(Project), project_id, "project", "project_id")
        customer_id = values.get("customer_id", row.get("customer_id"))
        if project is not None and project["customer_id"] != customer_id:
            # Both ids name live records; the project's stored customer refuses the pair.
            raise Conflict("is a project of another customer", field="project_id")


def check_order(
    start: dt.date | None, end: dt.date | None, field: str, first: str, *, stored: bool
) -> None:
    """`end` on or after `start`; `stored`: one of them is the record's, not the body's."""
    if start is not None and end is not None and end < start:
        raise refusal(field, f"must be on or after {first}", stored=stored)
