"""REST records as JSON text made by the database, in one statement.

A reply that maps a table's columns straight to fields (perfex's customer, v1's) is
declared as a `JsonShape`: each field a `Value`, the column and how it is written. The
statement that answers it is made once per shape and dialect; a request binds the id
and runs it, and its one text column is the reply's body, as is: the very bytes orjson
writes for the same values (SQLite's `json_object`; PostgreSQL's `to_json` of each
value joined without spaces, since `json_build_object` writes ` : ` and `, `).

The checks are the service's own: the read needs the resource's `get` grant
(`permissions.require`, as `reading.get_record` and the lists), only live records are
read (`records.live`), and neighbours shown beside a record follow `may_read`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache, cached_property
from typing import Any, Literal

import orjson
from sqlalchemy import Boolean, Column, Date, Dialect, Table
from sqlalchemy.dialects import postgresql, sqlite

from resolvers.core.context import Ctx
from resolvers.core.permissions import may_read, require
from resolvers.core.records import possible_id
from resolvers.models.types import Fixed, UTCDateTime

# How a field is written from its column:
# value: the column as it is (text, a number, null); text: its text ("5");
# ref: its text, "0" for none (perfex's missing reference); flag: "1" or "0";
# bool: true or false; null: always null; time: "YYYY-MM-DD HH:MM:SS" in UTC;
# iso_time: "YYYY-MM-DDTHH:MM:SSZ"; primary_email: the email of the customer's primary
# live contact (resolvers.contacts.contacts_by_customer_id's first, when primary), null
# for a caller who may not read contacts; country_code: the ISO alpha-2 code of the
# country the column names (resolvers.customers.country_codes_by_id), null for none;
# iso_date: "YYYY-MM-DD"; amount: money as a JSON number with two decimals (1500.00);
# id_list: ids kept as text ("1,5", resolvers.contacts) as a JSON array of numbers.
Kind = Literal[
    "value", "text", "ref", "flag", "bool", "null", "time", "iso_time", "primary_email",
    "country_code", "iso_date", "amount", "id_list",
]  # fmt: skip
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Value:
    key: str
    column: str = ""
    kind: Kind = "value"


# Compared by identity: the statements are cached per shape, and hashing 30 values on
# every request cost more than the lookup.
@dataclass(frozen=True, eq=False)
class JsonShape:
    resource: str  # the grant a read needs
    table: Table
    values: tuple[Value, ...]

    def __post_init__(self) -> None:
        for value in self.values:
            if value.kind not in KINDS:
                raise ValueError(f"{value.key}: unknown kind {value.kind}")
            if value.kind not in ("null", "primary_email") and value.column not in self.table.c:
                raise ValueError(f"{value.key}: {self.table.name} has no {value.column}")

    @cached_property
    def neighbours(self) -> frozenset[str]:
        """The resources whose records the reply shows beside its own."""
        return frozenset("contacts" for v in self.values if v.kind == "primary_email")


_UTC = UTCDateTime()


_COUNTRY_CODE = "(SELECT k.iso2 FROM countries k WHERE k.id = {c})"
# Each kind's SQL for the column `{c}`, per dialect; a kind not listed is null.
_SQLITE = {
    "value": "{c}",
    "text": "CAST({c} AS TEXT)",
    "ref": "COALESCE(CAST({c} AS TEXT), '0')",
    "flag": "CASE WHEN {c} THEN '1' ELSE '0' END",
    "bool": "CASE WHEN {c} THEN json('true') ELSE json('false') END",
    # SQLite keeps UTC as "YYYY-MM-DD HH:MM:SS.ffffff" (models.types.UTCDateTime).
    "time": "substr({c}, 1, 19)",
    "iso_time": "(replace(substr({c}, 1, 19), ' ', 'T') || 'Z')",
    "country_code": _COUNTRY_CODE,
    "iso_date": "{c}",
    # Money is kept as whole cents (models.types.Fixed): written as the number's text.
    "amount": "json(CASE WHEN {c} < 0 THEN '-' ELSE '' END || (abs({c}) / 100) || '.'"
    " || printf('%02d', abs({c}) % 100))",
    "id_list": "json((SELECT '[' || COALESCE(group_concat(CAST(trim(value) AS INTEGER), ','), '')"
    " || ']' FROM json_each('[\"' || replace({c}, ',', '\",\"') || '\"]') WHERE value <> ''))",
}
_POSTGRES = {
    "value": "{c}",
    "text": "{c}::text",
    "ref": "COALESCE({c}::text, '0')",
    "flag": "CASE WHEN {c} THEN '1' ELSE '0' END",
    "bool": "COALESCE({c}, false)",
    "time": "to_char({c} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
    "iso_time": "to_char({c} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
    "country_code": _COUNTRY_CODE,
    "iso_date": "to_char({c}, 'YYYY-MM-DD')",
    "amount": "{c}",  # NUMERIC(15, 2): to_json writes its two decimals
    "id_list": "(SELECT '[' || COALESCE(string_agg(p::int::text, ',' ORDER BY n), '') || ']'"
    " FROM unnest(string_to_array({c}, ',')) WITH ORDINALITY u(p, n) WHERE p <> '')::json",
}


def kind_of(column: Column[Any]) -> Kind:
    """How a JSON-typed reply writes a column of its type (rest_compat.v1's `render`)."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return "iso_time"
    if isinstance(kind, Fixed):
        return "amount"
    if isinstance(kind, Date):
        return "iso_date"
    if isinstance(kind, Boolean):
        if column.nullable:  # "bool" writes none as false
            raise ValueError(f"{column.name}: a boolean that may be null has no kind")
        return "bool"
    return "value"


def _made(templates: dict[str, str], value: Value, column: str, shown: bool) -> str | None:
    """The value's SQL, or None where it is always null."""
    if value.kind == "primary_email":
        return _PRIMARY_EMAIL if shown else None
    template = templates.get(value.kind)
    return None if template is None else template.replace("{c}", column)


def _sqlite_value(value: Value, column: str, shown: bool) -> str:
    return _made(_SQLITE, value, column, shown) or "NULL"


def _postgres_value(value: Value, column: str, shown: bool) -> str:
    made = _made(_POSTGRES, value, column, shown)
    return "'null'" if made is None else f"COALESCE(to_json({made})::text, 'null')"


# Contacts ordered primary first, then by id: the first is shown when it is primary,
# which is the lowest-numbered live primary contact.
_PRIMARY_EMAIL = (
    "(SELECT c.email FROM contacts c WHERE c.customer_id = t.id"
    " AND c.deleted_at IS NULL AND c.is_primary ORDER BY c.id LIMIT 1)"
)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _object(shape: JsonShape, dialect: Dialect, shown: bool) -> str:
    quote = dialect.identifier_preparer.quote
    parts = []
    if dialect.name == "sqlite":
        for v in shape.values:
            made = _sqlite_value(v, f"t.{quote(v.column)}", shown)
            parts.append(f"{_literal(v.key)}, {made}")
        return f"json_object({', '.join(parts)})"
    for i, v in enumerate(shape.values):
        key = orjson.dumps(v.key).decode() + ":"
        lead = "{" if i == 0 else ","
        parts.append(
            f"{_literal(lead + key)} || {_postgres_value(v, f't.{quote(v.column)}', shown)}"
        )
    return "(" + " || ".join(parts) + " || '}')"


# The statements run through the driver itself (Database.first_row): its placeholders.
_DIALECTS: dict[str, Dialect] = {
    "sqlite": sqlite.dialect(),  # type: ignore[no-untyped-call]
    "postgresql": postgresql.dialect(),  # type: ignore[no-untyped-call]
}
_PLACEHOLDERS = {"sqlite": "?", "postgresql": "$1"}


@cache
def _one_sql(shape: JsonShape, engine: str, shown: bool) -> str:
    dialect = _DIALECTS[engine]
    table = dialect.identifier_preparer.format_table(shape.table)
    return (
        f"SELECT {_object(shape, dialect, shown)}, t.updated_at FROM {table} t"
        f" WHERE t.id = {_PLACEHOLDERS[engine]} AND t.deleted_at IS NULL"
    )


@cache
def _all_sql(shape: JsonShape, engine: str, shown: bool, paged: bool) -> str:
    """Every live record's reply as one array, by id; `paged`: the count of them and
    the array of `limit` from `offset` (the two bound parameters), as offset_page."""
    dialect = _DIALECTS[engine]
    table = dialect.identifier_preparer.format_table(shape.table)
    made = _object(shape, dialect, shown)
    live = f"FROM {table} WHERE deleted_at IS NULL"
    # SQLite (before 3.44) has no ORDER BY inside an aggregate: the array follows its
    # rows' order, so they come from an ordered subquery (PostgreSQL's too, for LIMIT).
    window = ""
    if paged:
        window = " LIMIT ? OFFSET ?" if engine == "sqlite" else " LIMIT $1 OFFSET $2"
    rows = f"(SELECT * {live} ORDER BY id{window}) t"
    if engine == "sqlite":
        array = f"SELECT json_group_array({made}) FROM {rows}"
    else:
        array = (
            f"SELECT COALESCE('[' || string_agg({made}, ',' ORDER BY t.id) || ']', '[]')"
            f" FROM {rows}"
        )
    return f"SELECT (SELECT count(*) {live}), ({array})" if paged else array


def _shown(ctx: Ctx, shape: JsonShape) -> bool:
    return all(may_read(ctx.principal, name) for name in shape.neighbours)


async def one_json(ctx: Ctx, shape: JsonShape, record_id: int) -> tuple[str, datetime] | None:
    """The live record's reply text and its updated_at (for the ETag); None when there is
    no such record. Refuses, as the service's read does, a caller without the grant."""
    require(ctx.principal, shape.resource, "get")
    if not possible_id(record_id):
        return None
    sql = _one_sql(shape, ctx.db.dialect, _shown(ctx, shape))
    row = await ctx.db.first_row(sql, (record_id,))
    if row is None:
        return None
    text, stored = row
    # Text on SQLite, an aware datetime on PostgreSQL: as the column type reads it.
    updated_at = _UTC.process_result_value(stored, _DIALECTS[ctx.db.dialect])
    assert updated_at is not None  # every record has one (models.Record)
    return str(text), updated_at


async def all_json(ctx: Ctx, shape: JsonShape) -> str:
    """Every live record's reply, by id, as one JSON array's text."""
    require(ctx.principal, shape.resource, "get")
    row = await ctx.db.first_row(_all_sql(shape, ctx.db.dialect, _shown(ctx, shape), False))
    assert row is not None  # an aggregate answers one row, [] for no records
    return str(row[0])


async def page_json(ctx: Ctx, shape: JsonShape, offset: int, limit: int) -> tuple[int, str]:
    """How many live records there are, and the replies of `limit` of them from `offset`,
    by id, as one JSON array's text (what offset_page reads, unfiltered)."""
    require(ctx.principal, shape.resource, "get")
    sql = _all_sql(shape, ctx.db.dialect, _shown(ctx, shape), True)
    row = await ctx.db.first_row(sql, (limit, offset))
    assert row is not None  # an aggregate answers one row, [] for no records
    return int(row[0]), str(row[1])
