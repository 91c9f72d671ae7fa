"""The operator's own tables, as Perfex's thirdparty/customtable paths reach them.

Only tables the operator declares (CRM_CUSTOM_TABLES) are reachable, never one of the
gateway's own, whatever the declaration says. Each is reflected from the database, so
every statement is SQLAlchemy Core with bound parameters, and every column a client
names is checked against the reflected table (and the declared columns) first.
One permission resource covers them all: "customtable", with get, create, update, delete.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Column, MetaData, Table, delete, insert, select, update
from sqlalchemy.exc import NoSuchTableError
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid, NotFound
from resolvers.core.filtering import fits
from resolvers.core.permissions import require
from resolvers.models import metadata

RESOURCE = "customtable"
# A plain SQL identifier: no schema prefix, no quoting, nothing to interpret.
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
# The list path has no paging in the document: a table larger than this answers its first
# rows by key.
MAX_ROWS = 1000
# Tables no declaration can expose: every table the gateway's migrations create.
OWN_TABLES = frozenset({*(name.lower() for name in metadata.tables), "alembic_version"})


@dataclass(frozen=True)
class CustomTable:
    name: str
    # The declared columns; None exposes every column of the table.
    columns: frozenset[str] | None = None


@dataclass
class CustomTables:
    """The declared tables, and each one's reflection once it has been read."""

    tables: dict[str, CustomTable] = field(default_factory=dict)
    _reflected: dict[str, Table] = field(default_factory=dict, repr=False)

    def declared(self, name: str) -> CustomTable:
        table = self.tables.get(name)
        if table is None or name.lower() in OWN_TABLES:
            raise _not_found("Table", name, f"Table '{name}' does not exist")
        return table


def parse_custom_tables(text: str) -> CustomTables:
    """`name` or `name:col1,col2` entries separated by semicolons, e.g.
    "shoes:shoenumber,winter;warehouse". ValueError names what is wrong."""
    tables: dict[str, CustomTable] = {}
    for entry in (e.strip() for e in text.split(";")):
        if not entry:
            continue
        name, sep, listed = (part.strip() for part in entry.partition(":"))
        columns = frozenset(c.strip() for c in listed.split(",") if c.strip())
        for identifier in (name, *columns):
            if not NAME.match(identifier):
                raise ValueError(f"CRM_CUSTOM_TABLES: {identifier!r} is not a plain SQL name")
        if name.lower() in OWN_TABLES:
            raise ValueError(f"CRM_CUSTOM_TABLES: {name!r} is one of the gateway's own tables")
        if sep and not columns:
            raise ValueError(f"CRM_CUSTOM_TABLES: {name!r} lists no column after ':'")
        tables[name] = CustomTable(name, columns or None)
    return CustomTables(tables)


def _not_found(resource: str, key: object, message: str) -> NotFound:
    # The document's own wording ("Record not found"), not NotFound's generic sentence.
    error = NotFound(resource, key)
    error.message = message
    error.args = (message,)
    return error


@dataclass(frozen=True)
class _Shape:
    """A reflected table as a client may see it: the key and the columns shown."""

    table: Table
    key: Column[Any]
    columns: tuple[Column[Any], ...]

    def column(self, name: str, *, writing: bool = False) -> Column[Any]:
        found = next((c for c in self.columns if c.name == name), None)
        if found is None:
            message = f"Column '{name}' does not exist in table '{self.table.name}'"
            raise Invalid.field(str(name), message)
        if writing and found is self.key:
            raise Invalid.field(name, f"Column '{name}' is the table's key and cannot be set")
        return found


async def _shape(conn: AsyncConnection, tables: CustomTables, name: str) -> _Shape:
    declared = tables.declared(name)
    table = tables._reflected.get(name)
    if table is None:
        try:
            table = await conn.run_sync(
                lambda sync: Table(name, MetaData(), autoload_with=sync, resolve_fks=False)
            )
        except NoSuchTableError:
            raise _not_found("Table", name, f"Table '{name}' does not exist") from None
        tables._reflected[name] = table
    keys = list(table.primary_key.columns)
    if len(keys) != 1 or not _integer(keys[0]):
        message = f"Table '{name}' has no integer primary key to address rows by"
        raise Invalid.field("table", message)
    key = keys[0]
    shown = [c for c in table.columns if declared.columns is None or c.name in declared.columns]
    return _Shape(table, key, (key, *(c for c in shown if c is not key)))


def _integer(column: Column[Any]) -> bool:
    try:
        return column.type.python_type is int
    except NotImplementedError:
        return False


def _typed(column: Column[Any], value: Any) -> Any:
    """A client's value (form strings, JSON scalars) as the column's Python type, so the
    driver gets what the column holds (PostgreSQL refuses "39" for an integer)."""
    if value is None:
        return None
    if isinstance(value, dict | list):
        raise ValueError("a single value")
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return value
    if kind is bool:
        text = str(value).strip().lower()
        if text not in {"1", "0", "true", "false"}:
            raise ValueError("true or false")
        return text in {"1", "true"}
    if kind in (int, Decimal, float):
        return _number(column, kind, value)
    if kind is datetime:
        moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        if getattr(column.type, "timezone", False):
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
    if kind is date:
        return date.fromisoformat(str(value).strip()[:10])
    if kind is str:
        return str(value)
    return value


_WHOLE = re.compile(r"[+-]?[0-9]{1,40}")
_NUMBER = re.compile(r"[+-]?([0-9]{1,40}(\.[0-9]{0,40})?|\.[0-9]{1,40})([eE][+-]?[0-9]{1,2})?")


def _number(column: Column[Any], kind: type, value: Any) -> Any:
    """A number the column holds: NaN, the infinities and values past its range (a
    30-digit integer, 1e999999999) are refused here instead of failing in the driver."""
    if isinstance(value, bool):
        raise ValueError("a number")
    text = str(value).strip()
    if kind is int:
        if isinstance(value, float) and value.is_integer() and math.isfinite(value):
            text = str(int(value))
        if not _WHOLE.fullmatch(text):
            raise ValueError("a whole number")
        number: Any = int(text)
    else:
        if not _NUMBER.fullmatch(text):
            raise ValueError("a finite number")
        number = Decimal(text)
        if kind is float:
            number = float(number)
    if not fits(column, number):
        raise ValueError("a number within the column's range")
    return number


def _values(shape: _Shape, data: Mapping[str, Any]) -> dict[str, Any]:
    if not data:
        raise Invalid.field("body", "Send at least one column and its value")
    values: dict[str, Any] = {}
    for name, value in data.items():
        column = shape.column(name, writing=True)
        try:
            values[column.name] = _typed(column, value)
        except (ValueError, TypeError, InvalidOperation, OverflowError) as exc:
            raise Invalid.field(name, f"Column '{name}' takes {exc or 'another value'}") from None
    return values


def _shown(shape: _Shape, row: Row) -> dict[str, Any]:
    return {c.name: row[c.name] for c in shape.columns}


async def list_custom_rows(ctx: Ctx, tables: CustomTables, name: str) -> list[dict[str, Any]]:
    require(ctx.principal, RESOURCE, "get")
    async with ctx.db.read() as conn:
        shape = await _shape(conn, tables, name)
        query = select(*shape.columns).order_by(shape.key).limit(MAX_ROWS)
        return [_shown(shape, r._mapping) for r in await conn.execute(query)]


async def _must_get(conn: AsyncConnection, shape: _Shape, row_id: int) -> dict[str, Any]:
    # An id the key column cannot hold names no record (and must not reach the driver).
    row = None
    if fits(shape.key, row_id):
        row = (await conn.execute(select(*shape.columns).where(shape.key == row_id))).first()
    if row is None:
        raise _not_found("Record", row_id, "Record not found")
    return _shown(shape, row._mapping)


async def get_custom_row(ctx: Ctx, tables: CustomTables, name: str, row_id: int) -> Row:
    require(ctx.principal, RESOURCE, "get")
    async with ctx.db.read() as conn:
        return await _must_get(conn, await _shape(conn, tables, name), row_id)


async def create_custom_row(
    ctx: Ctx, tables: CustomTables, name: str, data: Mapping[str, Any]
) -> Row:
    require(ctx.principal, RESOURCE, "create")
    async with ctx.db.write() as conn:
        shape = await _shape(conn, tables, name)
        statement = insert(shape.table).values(_values(shape, data)).returning(shape.key)
        new_id = int((await conn.execute(statement)).scalar_one())
        row = await _must_get(conn, shape, new_id)
        await events.record(conn, ctx, f"{RESOURCE}.created", new_id, {"table": name})
    return row


async def update_custom_row(
    ctx: Ctx, tables: CustomTables, name: str, row_id: int, data: Mapping[str, Any]
) -> Row:
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        shape = await _shape(conn, tables, name)
        values = _values(shape, data)
        await _must_get(conn, shape, row_id)
        await conn.execute(update(shape.table).where(shape.key == row_id).values(values))
        row = await _must_get(conn, shape, row_id)
        await events.record(conn, ctx, f"{RESOURCE}.updated", row_id, {"table": name})
    return row


async def delete_custom_row(ctx: Ctx, tables: CustomTables, name: str, row_id: int) -> Row:
    """Deletes for good: the operator's tables have no deleted_at to mark."""
    require(ctx.principal, RESOURCE, "delete")
    async with ctx.db.write() as conn:
        shape = await _shape(conn, tables, name)
        row = await _must_get(conn, shape, row_id)
        await conn.execute(delete(shape.table).where(shape.key == row_id))
        await events.record(conn, ctx, f"{RESOURCE}.deleted", row_id, {"table": name})
    return row
