"""What each REST reply looks like, for the OpenAPI document, declared where the reply is
made so the two cannot drift.

A record's fields are the return type of the function that shapes it: a TypedDict that
the function builds key by key (mypy checks every name and value against it), turned
here into a JSON schema. A shaper factory (a dialect's `record`, `listing`, `wrote`...)
wraps that record schema in its envelope and registers it beside the shaper it returns
(`describe`); the document reads it back with `reply_of(row.reply)`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import (
    Any,
    Literal,
    NotRequired,
    Required,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

import orjson
from sqlmodel import SQLModel

Schema = dict[str, Any]
F = TypeVar("F", bound=Callable[..., Any])

JSON = "application/json"
# Records whose shaper shows whatever columns the row has: an object, fields unnamed.
ANY_RECORD: Schema = {"type": "object", "additionalProperties": True}
INTEGER: Schema = {"type": "integer"}
STRING: Schema = {"type": "string"}
BOOLEAN: Schema = {"type": "boolean"}
NUMBER: Schema = {"type": "number"}


@dataclass(frozen=True)
class Reply:
    """A success body: its schema (None: no body, a 204) and its media type."""

    schema: Schema | None
    media: str = JSON


_REPLIES: dict[Callable[..., Any], Reply] = {}
# TypedDicts met so far, by the component name the document gives them.
_COMPONENTS: dict[str, Schema] = {}
_NAMES: dict[type, str] = {}


def describe(shaper: F, schema: Schema | None, media: str = JSON) -> F:
    _REPLIES[shaper] = Reply(schema, media)
    return shaper


def replies(schema: Schema | None, media: str = JSON) -> Callable[[F], F]:
    """Decorator form of `describe`, for a shaper written out in a route module."""

    def mark(shaper: F) -> F:
        return describe(shaper, schema, media)

    return mark


def reply_of(shaper: Callable[..., Any]) -> Reply | None:
    return _REPLIES.get(shaper)


def components() -> dict[str, Schema]:
    return dict(_COMPONENTS)


def obj(**properties: Schema) -> Schema:
    """An object with exactly these fields, all present."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def nullable(schema: Schema) -> Schema:
    kind = schema.get("type")
    if isinstance(kind, str) and set(schema) <= {"type", "format"}:
        return {**schema, "type": [kind, "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def shape_schema(shape: Callable[..., Any]) -> Schema:
    """The record a shape function returns (`list[...]` for a batch shaper), from its
    return annotation; a shape declared as a plain dict is any object."""
    shown = _REPLIES.get(shape)
    if shown is not None and shown.schema is not None:
        return shown.schema
    declared = getattr(shape, "reply_schema", None)
    if callable(declared):
        # A shape object that knows its fields (v1's column shapes).
        schema: Schema = declared()
        return schema
    # A callable object (v1's Shape) declares its return on __call__.
    target = shape if isinstance(shape, types.FunctionType) else type(shape).__call__
    return schema_of(get_type_hints(target).get("return", dict))


def schema_of(kind: Any) -> Schema:
    """A JSON schema of a Python type as orjson writes its values."""
    if typing.is_typeddict(kind):
        return {"$ref": f"#/components/schemas/{_component(kind)}"}
    if kind is Any or kind is dict or kind is Mapping:
        return dict(ANY_RECORD) if kind is not Any else {}
    simple = _SIMPLE.get(kind)
    if simple is not None:
        return dict(simple)
    origin, args = get_origin(kind), get_args(kind)
    if origin in (Union, types.UnionType):
        return _union([schema_of(a) for a in args])
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (list, tuple, Sequence):
        return array(schema_of(args[0]) if args else {})
    if origin in (dict, Mapping):
        inner = schema_of(args[1]) if len(args) == 2 else {}
        return {"type": "object", "additionalProperties": inner or True}
    raise TypeError(f"no JSON schema for {kind!r}: declare the reply with a TypedDict")


_SIMPLE: dict[Any, Schema] = {
    str: STRING,
    bool: BOOLEAN,
    int: INTEGER,
    float: NUMBER,
    Decimal: NUMBER,  # orjson writes money through a float (rest_compat.envelopes)
    orjson.Fragment: NUMBER,  # v1's amounts: a number written from the Decimal
    type(None): {"type": "null"},
}


def _union(variants: list[Schema]) -> Schema:
    if all(set(v) == {"type"} and isinstance(v["type"], str) for v in variants):
        return {"type": [v["type"] for v in variants]}
    return {"anyOf": variants}


def _required(kind: type) -> list[str]:
    """The keys always present. Under `from __future__ import annotations` Python 3.11
    cannot see `NotRequired[...]` in a class body (the annotation is still a string), so
    `__required_keys__` counts those keys as required: read the evaluated hints."""
    required: frozenset[str] = getattr(kind, "__required_keys__", frozenset())
    shown = []
    for field, hint in get_type_hints(kind, include_extras=True).items():
        wrapper = get_origin(hint)
        if wrapper is NotRequired or (wrapper is not Required and field not in required):
            continue
        shown.append(field)
    return shown


def _component(kind: type) -> str:
    """`rest_compat.perfex.fields.Customer` -> "PerfexCustomer"; its schema registered
    once, fields in the order the class declares them."""
    name = _NAMES.get(kind)
    if name is not None:
        return name
    parts = kind.__module__.split(".")
    prefix = parts[1].capitalize() if len(parts) > 1 and parts[0] == "rest_compat" else ""
    base = name = prefix + kind.__name__
    n = 2
    while name in _COMPONENTS:
        name, n = f"{base}{n}", n + 1
    _NAMES[kind] = name
    _COMPONENTS[name] = {}  # a placeholder, so a self-reference finds the name
    hints = get_type_hints(kind)
    _COMPONENTS[name] = {
        "type": "object",
        "properties": {field: schema_of(hint) for field, hint in hints.items()},
        "required": _required(kind),
        "additionalProperties": False,
    }
    return name


def obj_with(required: Mapping[str, Schema], optional: Mapping[str, Schema]) -> Schema:
    """An object with these fields, the `optional` ones present only sometimes."""
    return {**obj(**required, **optional), "required": list(required)}


def item_schema(batch: Callable[..., Any]) -> Schema:
    """One record of a shaper that shapes a batch (`list[...]`)."""
    shown = shape_schema(batch)
    return dict(shown.get("items", ANY_RECORD)) if shown.get("type") == "array" else shown


def _table_class(table: str) -> str:
    for mapper in SQLModel._sa_registry.mappers:
        if getattr(mapper.local_table, "name", None) == table:
            return str(mapper.class_.__name__)
    raise LookupError(f"no table {table!r}")


def _column(column: Any) -> Schema:
    """A column's value as a record shows it: times and dates as text, money a number."""
    kind = type(column.type).__name__
    shown = _COLUMN_TYPES.get(kind)
    if shown is None:
        raise TypeError(f"no JSON schema for column {column.name} ({kind})")
    return nullable(dict(shown)) if column.nullable else dict(shown)


_COLUMN_TYPES: dict[str, Schema] = {
    "Integer": INTEGER,
    "Boolean": BOOLEAN,
    "AutoString": STRING,
    "UTCDateTime": STRING,
    "Date": STRING,
    "Fixed": NUMBER,
}


def table_record(
    prefix: str,
    table: str,
    *,
    names: Mapping[str, str] | None = None,
    hidden: Collection[str] = (),
    extra: Mapping[str, Schema] | None = None,
) -> Schema:
    """A record that shows every column of `table` but the `hidden` ones, under `names`
    where it renames them (v1's column shapes), plus `extra` fields; registered as a
    component named `prefix` + the table's model class."""
    columns = SQLModel.metadata.tables[table].columns
    fields = {
        (names or {}).get(c.name, c.name): _column(c) for c in columns if c.name not in hidden
    }
    fields.update(extra or {})
    return _register(prefix + _table_class(table), obj(**fields))


def _register(base: str, schema: Schema) -> Schema:
    name, n = base, 2
    while _COMPONENTS.get(name, schema) != schema:
        name, n = f"{base}{n}", n + 1
    _COMPONENTS[name] = schema
    return {"$ref": f"#/components/schemas/{name}"}
