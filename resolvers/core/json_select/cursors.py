"""Connection cursors (`resolvers.core.pagination.encode_cursor`) computed by the database.

A cursor is unpadded URL-safe base64 of the JSON list [signature, *sort values] that
`json.dumps(default=str, separators=(",", ":"))` writes for the row. The JSON text is
built in SQL value by value, as Python writes each kind: integers as digits, booleans
true/false, money as str(Decimal), dates, datetimes as str() writes them (a space where
isoformat has "T"), null as null, and text as a quoted string when it is printable ASCII
without a quote or backslash; any other text (which json.dumps escapes) gives the
decline marker, so the normal path answers. Then base64: PostgreSQL's encode(); SQLite
has none, so each row's key goes through `sqlite_cursor`, a deterministic function the
database registers (gateway/database.py): SQLite reads on the event loop's own thread,
and one call per row cost less than the arithmetic spelling of base64 and than marking
the keys for a pass over the answer (docs/performance.md, "Compiled shapes").
"""

from __future__ import annotations

import base64
import re
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Text,
    case,
    cast,
    false,
    func,
    literal_column,
    or_,
)
from sqlalchemy.sql.schema import Column

from resolvers.core.filtering import python_type
from resolvers.core.json_select.formats import DECLINE_MARK, Dialect, Unsupported, number, text
from resolvers.core.ordering import Sorting
from resolvers.models.types import Fixed, UTCDateTime

_PLAIN = re.compile(r"[ !#-\[\]-~]*")


class CursorKey(NamedTuple):
    """The JSON text a row's cursor encodes."""

    text: ColumnElement[Any]
    # Whether a row's key can hold the decline marker (a text value json.dumps escapes):
    # only then does each row's cursor test for it.
    declines: bool = True


def cursor_key(d: Dialect, sorting: Sorting, row: FromClause) -> CursorKey:
    """The JSON text of each row's cursor under `sorting`."""
    if not _PLAIN.fullmatch(sorting.signature):
        raise Unsupported(f"an order signature JSON escapes: {sorting.signature!r}")
    parts: list[ColumnElement[Any]] = [text(f'["{sorting.signature}"')]
    declines = False
    for key in sorting.keys:
        value, may_decline = _json_value(d, key.column, row.c[key.name])
        declines = declines or may_decline
        parts += [text(","), value]
    parts.append(text("]"))
    joined = parts[0]
    for part in parts[1:]:
        joined = joined.concat(part)
    return CursorKey(joined, declines)


def _quoted(value: ColumnElement[Any]) -> ColumnElement[Any]:
    return text('"').concat(value).concat(text('"'))


def _json_value(d: Dialect, column: Column[Any], expr: ColumnElement[Any]) -> tuple[Any, bool]:
    """A value's JSON text, and whether it may be the decline marker."""
    kind = python_type(column)
    # Text json.dumps escapes, and on SQLite times and days stored in another form.
    may_decline = kind is str or d.name == "sqlite"
    value: ColumnElement[Any]
    if isinstance(column.type, Fixed):
        value = _quoted(d.money(expr, column.type.scale))
        may_decline = False
    elif isinstance(column.type, UTCDateTime):
        # str(datetime) is isoformat with a space between the date and the time.
        value = _quoted(func.replace(d.moment(expr), text("T"), text(" ")))
    elif kind is bool:
        value = case((expr != false(), text("true")), else_=text("false"))
        may_decline = False
    elif kind is int:
        value = cast(expr, Text)
        may_decline = False
    elif kind is date:
        value = _quoted(d.day(expr))
    elif kind is str:
        value = case((_needs_escape(d, expr), d.decline()), else_=_quoted(expr))
    else:
        raise Unsupported(f"{column.name}: cursors of {column.type!r}")
    if column.nullable:
        value = case((expr.is_(None), text("null")), else_=value)
    return value, may_decline


def _needs_escape(d: Dialect, expr: ColumnElement[Any]) -> ColumnElement[bool]:
    """Text json.dumps writes otherwise than quoted as it is (ensure_ascii, escapes)."""
    if d.name == "postgresql":
        return expr.op("~", is_comparison=True)(literal_column("'[^ !#-\\[\\]-~]'"))
    quote = func.instr(expr, text('"')) > number(0)
    backslash = func.instr(expr, text("\\")) > number(0)
    return or_(expr.op("GLOB", is_comparison=True)(text("*[^ -~]*")), quote, backslash)


CURSOR_FUNCTION = "crm_cursor"


def sqlite_cursor(key: str | None) -> str | None:
    """encode_cursor's base64 of a key's JSON text, as a SQLite function."""
    if key is None:
        return None
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


def cursor(d: Dialect, key: ColumnElement[Any], shape: CursorKey) -> ColumnElement[Any]:
    """encode_cursor of the JSON text in `key` (a page's column of `shape.text`), or the
    decline marker."""
    encoded: ColumnElement[Any]
    if d.name == "postgresql":
        raw = func.encode(func.convert_to(key, text("UTF8")), text("base64"))
        # URL-safe, without encode()'s line breaks and the padding. replace() rather
        # than translate(), which cost ~3 us a row (more than the rest of the cursor).
        for plain, safe in (("+", "-"), ("/", "_"), ("=", "")):
            raw = func.replace(raw, text(plain), text(safe))
        encoded = func.replace(raw, literal_column("E'\\n'"), text(""))
    else:
        encoded = getattr(func, CURSOR_FUNCTION)(key)
    if not shape.declines:
        return encoded
    return case((key.like(text(f"%{DECLINE_MARK}%")), d.decline()), else_=encoded)
