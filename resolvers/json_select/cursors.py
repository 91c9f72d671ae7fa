"""Connection cursors (`resolvers.pagination.encode_cursor`) computed by the database.

A cursor is unpadded URL-safe base64 of the JSON list [signature, *sort values] that
`json.dumps(default=str, separators=(",", ":"))` writes for the row. The JSON text is
built in SQL value by value, as Python writes each kind: integers as digits, booleans
true/false, money as str(Decimal), dates, datetimes as str() writes them (a space where
isoformat has "T"), null as null, and text as a quoted string when it is printable ASCII
without a quote or backslash; any other text (which json.dumps escapes) gives the
decline marker, so the normal path answers. Then base64: PostgreSQL's encode(); SQLite
has none, so the text (ASCII by construction) is encoded three characters at a time with
unicode() and bit arithmetic, up to the longest text its keys can make.
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

from resolvers.filtering import python_type
from resolvers.json_select.formats import DECLINE_MARK, Dialect, Unsupported, number, text
from resolvers.models.types import Fixed, UTCDateTime
from resolvers.ordering import Sorting

# The longest text sort value a SQLite cursor spells out; a longer one declines.
TEXT_MAX = 80
_URLSAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_PLAIN = re.compile(r"[ !#-\[\]-~]*")


class CursorKey(NamedTuple):
    """The JSON text a row's cursor encodes, the most characters it can have, and the
    fixed text every such key starts with."""

    text: ColumnElement[Any]
    most: int
    prefix: str


def cursor_key(d: Dialect, sorting: Sorting, row: FromClause) -> CursorKey:
    """The JSON text of each row's cursor under `sorting`."""
    if not _PLAIN.fullmatch(sorting.signature):
        raise Unsupported(f"an order signature JSON escapes: {sorting.signature!r}")
    prefix = f'["{sorting.signature}",'
    parts: list[ColumnElement[Any]] = [text(prefix[:-1])]
    most = len(sorting.signature) + 4
    for key in sorting.keys:
        value, longest = _json_value(d, key.column, row.c[key.name])
        parts += [text(","), value]
        most += 1 + longest
    parts.append(text("]"))
    joined = parts[0]
    for part in parts[1:]:
        joined = joined.concat(part)
    return CursorKey(joined, most, prefix)


def _quoted(value: ColumnElement[Any]) -> ColumnElement[Any]:
    return text('"').concat(value).concat(text('"'))


def _json_value(d: Dialect, column: Column[Any], expr: ColumnElement[Any]) -> tuple[Any, int]:
    kind = python_type(column)
    value: ColumnElement[Any]
    if isinstance(column.type, Fixed):
        value, longest = _quoted(d.money(expr, column.type.scale)), 44
    elif isinstance(column.type, UTCDateTime):
        # str(datetime) is isoformat with a space between the date and the time.
        value, longest = _quoted(func.replace(d.moment(expr), text("T"), text(" "))), 34
    elif kind is bool:
        value, longest = case((expr != false(), text("true")), else_=text("false")), 5
    elif kind is int:
        value, longest = cast(expr, Text), 20
    elif kind is date:
        value, longest = _quoted(d.day(expr)), 12
    elif kind is str:
        escaped = _needs_escape(d, expr)
        value, longest = case((escaped, d.decline()), else_=_quoted(expr)), TEXT_MAX + 2
    else:
        raise Unsupported(f"{column.name}: cursors of {column.type!r}")
    if column.nullable:
        value = case((expr.is_(None), text("null")), else_=value)
    return value, longest


def _needs_escape(d: Dialect, expr: ColumnElement[Any]) -> ColumnElement[bool]:
    """Text json.dumps writes otherwise than quoted as it is (ensure_ascii, escapes)."""
    if d.name == "postgresql":
        return expr.op("~", is_comparison=True)(literal_column("'[^ !#-\\[\\]-~]'"))
    quote = func.instr(expr, text('"')) > number(0)
    backslash = func.instr(expr, text("\\")) > number(0)
    return or_(expr.op("GLOB", is_comparison=True)(text("*[^ -~]*")), quote, backslash)


def key_column(d: Dialect, key: ColumnElement[Any], most: int) -> ColumnElement[Any]:
    """The column a page selects for `cursor` to encode: on SQLite the JSON text then
    U+0001 characters, so every character the encoding reads is there."""
    return key if d.name == "postgresql" else key.concat(text("\x01" * _padding(most)))


def _padding(most: int) -> int:
    # The encoding reads whole groups of three: up to two characters past `most`.
    return most + 2


def cursor(d: Dialect, key: ColumnElement[Any], shape: CursorKey) -> ColumnElement[Any]:
    """encode_cursor of the JSON text in `key` (a `key_column` of `shape`), or the
    decline marker."""
    most = shape.most
    declined = key.like(text(f"%{DECLINE_MARK}%"))
    if d.name == "postgresql":
        raw = func.encode(func.convert_to(key, text("UTF8")), text("base64"))
        # URL-safe, without encode()'s line breaks and the padding.
        urlsafe = func.translate(raw, literal_column("E'+/\\n'"), text("-_"))
        return case((declined, d.decline()), else_=func.rtrim(urlsafe, text("=")))
    length = func.length(key).op("-", precedence=7)(number(_padding(most)))
    # The encoding in ELSE: SQLite's parser holds more for a THEN, and the statement's
    # nesting leaves little room (see `_sqlite_base64`).
    return case(
        (declined, d.decline()),
        (length > number(most), d.decline()),
        else_=_sqlite_base64(key, length, shape),
    )


def _sqlite_base64(
    key: ColumnElement[Any], length: ColumnElement[Any], shape: CursorKey
) -> ColumnElement[Any]:
    """Unpadded URL-safe base64 of the first `length` (at most `most`) characters of
    `key`, ASCII text then U+0001 (`key_column`). Shallow on purpose: SQLite's parser overflows
    on deeply nested expressions, and the statement nests levels per connection, so
    each character is one pick by * / % + without parentheses (each operator binds
    tighter than the next, so SQLAlchemy adds none; SQL's own precedence and
    left-to-right order then compute what the nesting says)."""
    alphabet = text(_URLSAFE)

    def byte(at: int) -> ColumnElement[Any]:
        # Past the text, U+0001: as the zero bits base64 pads a partial group with
        # (1 / 16 and 1 / 64 are 0); the characters it alone makes are cut off below.
        return func.unicode(func.substr(key, number(at), number(1)))

    def arith(left: ColumnElement[Any], op: str, right: Any, tightness: int) -> Any:
        value = right if isinstance(right, ColumnElement) else number(right)
        return left.op(op, precedence=tightness)(value)

    def pick(index: ColumnElement[Any]) -> ColumnElement[Any]:
        return func.substr(alphabet, arith(index, "+", 1, 10), number(1))

    def pair(high: ColumnElement[Any], low: ColumnElement[Any], bits: int) -> Any:
        """(high % 2**bits) * 2**(6-bits) + low / 2**(2+bits): one character across
        two bytes."""
        shifted = arith(arith(high, "%", 2**bits, 14), "*", 2 ** (6 - bits), 13)
        return arith(shifted, "+", arith(low, "/", 2 ** (2 + bits), 13), 12)

    def group(start: int) -> list[ColumnElement[Any]]:
        b0, b1, b2 = byte(start), byte(start + 1), byte(start + 2)
        return [
            pick(arith(b0, "/", 4, 13)),
            pick(pair(b0, b1, 2)),
            pick(pair(b1, b2, 4)),
            pick(arith(b2, "%", 64, 13)),
        ]

    # The groups the fixed prefix fills are fixed text.
    fixed = len(shape.prefix) // 3
    encoded = text(base64.urlsafe_b64encode(shape.prefix[: 3 * fixed].encode()).decode())
    for g in range(fixed, -(-shape.most // 3)):
        for char in group(3 * g + 1):
            encoded = encoded.concat(char)
    # Four characters for three bytes, the last group's cut to the bytes it has.
    shown = arith(arith(arith(length, "*", 4, 8), "+", 2, 7), "/", 3, 8)
    return func.substr(encoded, number(1), shown)
