"""Readers every dialect uses: a request -> the service operation's arguments."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from resolvers.core.context import Ctx
from resolvers.core.errors import Invalid, NotFound
from resolvers.core.numbers import ID_MAX
from resolvers.core.patterns import BLANK, PY_SPACE
from rest_compat.envelopes import DEFAULT_PER_PAGE, MAX_PER_PAGE, PageRequest
from rest_compat.errors import BadRequest
from rest_compat.renames import FieldMap
from rest_compat.routing import Args, Call, Endpoint, Operation, Reader

# Readers that read a body of their own (an action's one value, an upload): the body
# they take, declared beside them, for the OpenAPI document.
_BODIES: dict[Reader, FieldMap] = {}


def takes(reader: Reader, fields: FieldMap) -> Reader:
    """Declare the body `reader` reads: the document states it as the reader checks it."""
    _BODIES[reader] = fields
    return reader


def body_fields(row: Endpoint) -> FieldMap | None:
    """The body a row reads: its field map, or the one its reader declares."""
    return row.fields if row.fields is not None else _BODIES.get(row.read)


async def nothing(call: Call) -> Args:
    return (), {}


def path_id(name: str = "id") -> Reader:
    async def read(call: Call) -> Args:
        return (call.id(name),), {}

    return read


def body_data(call: Call) -> dict[str, Any]:
    """The body in service field names (through the row's field map)."""
    fields = call.row.fields
    return fields.to_service(call.body) if fields else dict(call.body)


# Readers that take fields from the path (`body(customer_id="id")`): the service fields,
# which the document leaves out of the row's body.
_FROM_PATH: dict[Reader, frozenset[str]] = {}


def path_fields(row: Endpoint) -> frozenset[str]:
    """The service fields a row's path names, not its body."""
    return _FROM_PATH.get(row.read, frozenset())


# Readers that take the record to change from a body field (perfex's PUT /api/expenses
# `id`): the document states it, required, beside the model's fields.
_RECORD_IN_BODY: dict[Reader, str] = {}


def record_in_body(read: Reader, name: str = "id") -> Reader:
    """`read` names its record by the body's `name`."""
    _RECORD_IN_BODY[read] = name
    return read


def body_record_field(row: Endpoint) -> str | None:
    """The body field naming the record a row changes, where its path names none."""
    return _RECORD_IN_BODY.get(row.read)


def body(**from_path: str) -> Reader:
    """The body as the operation's data; `customer_id="id"` adds a decoded path id. The
    body may not name it too: one it sent would be overwritten, so it is refused by name."""

    async def read(call: Call) -> Args:
        data = body_data(call)
        if given := [key for key in from_path if key in data]:
            raise Invalid(
                dict.fromkeys(given, "Unknown field: the path names it"),
                f"Unknown field: {', '.join(given)} (the path names it)",
            )
        for key, param in from_path.items():
            data[key] = call.id(param)
        return (data,), {}

    _FROM_PATH[read] = frozenset(from_path)
    return read


def id_and_body(**fixed: Any) -> Reader:
    """The path's id and the body; `fixed`: options the operation always takes."""

    async def read(call: Call) -> Args:
        return (call.id("id"), body_data(call)), {**fixed}

    return read


def path_text(name: str) -> Reader:
    async def read(call: Call) -> Args:
        text = call.path(name).strip()
        if not text:
            raise BadRequest(f"{name} must not be empty", field=name)
        return (text,), {}

    return read


# No query number goes past a 32-bit integer: a page far beyond it would reach the
# database as an offset no engine takes (a 500, not the client's 400).
QUERY_INT_MAX = 2**31 - 1


def numbered_page(call: Call, size: str = "per_page", high: int = MAX_PER_PAGE) -> PageRequest:
    """The `page` asked for (from 1) of `size` records (the dialect's name for it)."""
    return PageRequest(
        page=query_int(call, "page", 1), per_page=query_int(call, size, DEFAULT_PER_PAGE, high=high)
    )


def query_int(call: Call, name: str, default: int, *, low: int = 1, high: int | None = None) -> int:
    raw = call.query.get(name)
    if raw in (None, ""):
        return default
    text = str(raw).strip()
    if not (text.lstrip("-").isascii() and text.lstrip("-").isdigit()) or len(text) > 12:
        raise BadRequest(f"{name} must be a whole number", field=name)
    value = int(text)
    top = QUERY_INT_MAX if high is None else min(high, QUERY_INT_MAX)
    if value < low or value > top:
        raise BadRequest(f"{name} must be at least {low} and at most {top}", field=name)
    return value


def query_bool(call: Call, name: str) -> bool | None:
    raw = call.query.get(name)
    if raw in (None, ""):
        return None
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise BadRequest(f"{name} must be true or false", field=name)


def path_parent(operation: Operation, field: str, label: str) -> Operation:
    """For paths that name the parent (/customers/{id}/contacts): the service refuses an
    unknown parent as an invalid `field`; in a path that is a record not found."""

    async def call_with_parent(ctx: Ctx, data: dict[str, Any]) -> Any:
        try:
            return await operation(ctx, data)
        except Invalid as exc:
            if list(exc.errors) == [field]:
                raise NotFound(label, data.get(field)) from None
            raise

    return call_with_parent


def any_case_of(words: Iterable[str], *, space: str = " ") -> str:
    """An ECMA-262 pattern (no flags) for one of `words` as a reader that strips and
    lower-cases takes it: any case, spaces around (and `space`, a class, for a space
    within a word, where the reader also reads "_" or "-" as one)."""

    def char(c: str) -> str:
        return f"[{c.lower()}{c.upper()}]" if c.isalpha() else space if c == " " else re.escape(c)

    alternatives = "|".join("".join(char(c) for c in word) for word in words)
    return rf"^{PY_SPACE}*({alternatives}){PY_SPACE}*$"


def codes_of(codes: Iterable[int]) -> str:
    """An ECMA-262 pattern for one of `codes` as whole_number reads text: ASCII digits,
    leading zeros up to its length, spaces around."""
    width = len(str(ID_MAX))
    alternatives = "|".join(f"0{{0,{width - len(str(c))}}}{c}" for c in codes)
    return rf"^{PY_SPACE}*({alternatives}){PY_SPACE}*$"


def either(*patterns: str) -> str:
    """Text any of `patterns` takes."""
    return "|".join(f"(?:{p})" for p in patterns)


def named_codes(names: Mapping[int, str]) -> str:
    """A filter naming one of `names` (code -> name) as the service reads it: the name
    in any case ("_" or "-" for a space), the code, or blank (no filter)."""
    return either(any_case_of(names.values(), space="[ _-]"), codes_of(names), BLANK)
