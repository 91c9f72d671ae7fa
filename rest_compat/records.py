"""A REST record's fields declared once: the reply's keys in order, each with the
record attribute it shows and the dialect's format, from which come the shaper (a row
-> the reply's dict), its JSON schema for /openapi.json (a TypedDict made from the same
declaration) and, where every field is a plain column, the database-made statement
(resolvers.core.json_records).

A declaration is a list of field specs, `key[=column][:format][?]`:
`userid=id:text` shows column `id` as text under `userid`; `company` shows column
`company` as it is; `longitude?` says the value may be null. The formats are the
dialect's (perfex's strings, v1's JSON types), each with the Python type it writes.
A field whose value is not the row's (a neighbour, a computed value) is a `Field`;
one the caller hands in per row (custom fields, assignees) is `given(key, hint)`.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, NotRequired, TypedDict, TypeVar

from resolvers.core.context import Row
from resolvers.core.json_records import Kind, Value
from rest_compat.envelopes import iso_date, iso_time
from rest_compat.reply_schemas import Schema, array, schema_of
from rest_compat.shared import country_code, primary_email

Read = Callable[[Row], Any]
# typing.TypedDict's functional form, called with a computed field list.
_MAKE_TYPED: Any = TypedDict


@dataclass(frozen=True)
class Format:
    """How a dialect writes one column's value: the function, the type it writes, and
    the same format as the database writes it (json_records' kind), if it has one."""

    write: Callable[[Any], Any]
    hint: Any
    json: Kind | None = None
    reads_column: bool = True  # False: the value is the format's own (null)
    # A value read through the request (ctx, the column's value): a neighbour's name.
    load: Callable[[Any, Any], Awaitable[Any]] | None = None


@dataclass(frozen=True)
class Field:
    key: str
    hint: Any
    read: Read | None  # None: the caller gives the value (`given`)
    json: Value | None = None
    optional: bool = False  # absent from some replies (a part with no row)
    load: Callable[[Any, Row], Awaitable[Any]] | None = None  # see Format.load


def loads(key: str, hint: Any, load: Callable[[Any, Row], Awaitable[Any]]) -> Field:
    """A field read through the request (ctx, row): a neighbour, a reference's name."""
    return Field(key, hint, None, load=load)


def coded(key: str, names: Mapping[Any, str]) -> Field:
    """A code (a status, a priority) shown by its name; null for a code without one."""
    return Field(key, str | None, lambda row: names.get(row[key]))


def given(key: str, hint: Any) -> Field:
    """A field whose value the caller hands in for each row (a neighbour's)."""
    return Field(key, hint, None)


def const(key: str, value: Any) -> Field:
    """A field every record shows with the same value (what Perfex fills in)."""
    return Field(key, type(value), lambda row: value)


_SPEC = re.compile(r"(?P<key>\w+)(?:=(?P<column>\w+))?(?::(?P<format>\w+))?(?P<null>\?)?$")


@dataclass(frozen=True)
class Dialect:
    """A dialect's formats and the module prefix its schema components take."""

    module: str  # "rest_compat.perfex": components named "Perfex..."
    formats: Mapping[str, Format]

    def fields(self, specs: str) -> tuple[Field, ...]:
        return tuple(self._field(spec) for spec in specs.split())

    def _field(self, spec: str) -> Field:
        found = _SPEC.match(spec)
        if found is None or (found["format"] or "same") not in self.formats:
            raise ValueError(f"bad field spec {spec!r}")
        key, column = found["key"], found["column"] or found["key"]
        shown = self.formats[found["format"] or "same"]
        hint = shown.hint | None if found["null"] else shown.hint
        json = None if shown.json is None else Value(key, column, shown.json)
        if not shown.reads_column:
            fixed = shown.write(None)
            return Field(key, hint, lambda row: fixed, Value(key, kind=shown.json or "null"))
        write, load = shown.write, shown.load
        if load is not None:
            return Field(key, hint, None, json, load=lambda ctx, row: load(ctx, row[column]))
        return Field(key, hint, lambda row: write(row[column]), json)

    def record(self, name: str, *parts: str | Field | Record | Iterable[Field]) -> Record:
        return Record(name, self.module, _flatten(self, parts))

    def part(self, name: str, *parts: str | Field | Record | Iterable[Field]) -> Record:
        """A block of fields a record may lack as a whole (a document with no
        currency): its fields optional, and no row shows none of them."""
        fields = tuple(replace(f, optional=True) for f in _flatten(self, parts))
        return Record(name, self.module, fields)


def _flatten(
    dialect: Dialect, parts: Iterable[str | Field | Record | Iterable[Field]]
) -> tuple[Field, ...]:
    out: list[Field] = []
    for part in parts:
        if isinstance(part, str):
            out.extend(dialect.fields(part))
        elif isinstance(part, Field):
            out.append(part)
        elif isinstance(part, Record):
            out.extend(part.fields)
        else:
            out.extend(part)
    return tuple(out)


class Record:
    """A record's reply shape: call it with a row (and the `given` values) for the reply."""

    def __init__(self, name: str, module: str, fields: tuple[Field, ...]) -> None:
        self.name, self.fields = name, fields
        self.keys = tuple(f.key for f in fields)
        hints = {f.key: NotRequired[f.hint] if f.optional else f.hint for f in fields}
        self.typed: type = _MAKE_TYPED(name, hints)
        self.typed.__module__ = module
        self._read = tuple((f.key, f.read) for f in fields)
        self._loads = {f.key: f.load for f in fields if f.load is not None}

    def __call__(self, row: Row | None, **given: Any) -> dict[str, Any]:
        if row is None:
            return {}
        return {key: given[key] if read is None else read(row) for key, read in self._read}

    async def load(self, ctx: Any, row: Row, **given: Any) -> dict[str, Any]:
        """The reply of a record with fields read through the request (`Format.load`)."""
        for key, load in self._loads.items():
            given[key] = await load(ctx, row)
        return self(row, **given)

    def reply_schema(self) -> Schema:
        return schema_of(self.typed)

    def json_values(self) -> tuple[Value, ...]:
        """The fields as the database writes them (every one must have a column format)."""
        values = tuple(f.json for f in self.fields if f.json is not None)
        if len(values) != len(self.fields):
            raise ValueError(f"{self.name}: a field has no database format")
        return values

    def without(self, *keys: str) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.key not in keys)

    def only(self, *keys: str) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.key in keys)


def _same(value: Any) -> Any:
    return value


# The JSON-typed dialects' formats (v1, v2, tech9): values as their JSON types; a
# customer's email is its primary contact's, its country an ISO code.
JSON_TYPES: Mapping[str, Format] = {
    "same": Format(_same, str, "value"),
    "int": Format(_same, int, "value"),
    "bool": Format(bool, bool, "bool"),
    "money": Format(_same, Decimal, "value"),
    "iso_time": Format(iso_time, str, "iso_time"),
    "iso_date": Format(iso_date, str),
    "primary_email": Format(str, str | None, "primary_email", load=primary_email),
    "country_code": Format(str, str | None, "country_code", load=country_code),
}


def list_of(record: Record) -> Any:
    """`list[...]` of a record's TypedDict, a hint made at run time."""
    return list[record.typed]  # type: ignore[name-defined]


def address_lines(kind: str) -> str:
    """The billing or shipping address lines, as every dialect names and shows them."""
    return " ".join(f"{kind}_{part}" for part in ("street", "city", "state", "zip"))


F = TypeVar("F", bound=Callable[..., Any])


def described(record: Record, shaper: F) -> F:
    """Marks a shaper as making a `record`; its schema is read when a route describes
    its reply (reply_schemas.shape_schema)."""
    # setattr: mypy has no attribute of that name on the function's type.
    setattr(shaper, "reply_schema", record.reply_schema)  # noqa: B010
    return shaper


def batch_of(record: Record, shaper: F) -> F:
    """Marks a batch shaper (ctx, rows -> replies) as making `record`s; its schema is
    read when a route describes its reply (reply_schemas.shape_schema)."""
    # setattr: mypy has no attribute of that name on the function's type.
    setattr(shaper, "reply_schema", lambda: array(record.reply_schema()))  # noqa: B010
    return shaper


def loaded(record: Record) -> Callable[[Any, Row], Awaitable[dict[str, Any]]]:
    """The record's shaper as the routes call it (ctx, row), its schema on it."""

    async def shape(ctx: Any, row: Row) -> dict[str, Any]:
        return await record.load(ctx, row)

    setattr(shape, "reply_schema", record.reply_schema)  # noqa: B010 (as batch_of)
    return shape


def rows_of(record: Record) -> Callable[[Any, Sequence[Row]], Awaitable[list[dict[str, Any]]]]:
    """The batch shaper of a record that needs no neighbours."""

    async def shape(ctx: Any, rows: Sequence[Row]) -> list[dict[str, Any]]:
        return [record(r) for r in rows]

    return batch_of(record, shape)
