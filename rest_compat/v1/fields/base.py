"""How v1 shows any record: JSON types, money as numbers with two decimals, and the
document's own names for the columns it renames."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import orjson

from resolvers.core.context import Row
from resolvers.core.json_records import JsonShape, Value, kind_of
from resolvers.core.resources import Resource
from resolvers.totals import money
from rest_compat.envelopes import iso_date, iso_time, perfex_time
from rest_compat.records import JSON_TYPES, Dialect
from rest_compat.reply_schemas import ANY_RECORD, Schema, table_record

# Never shown: secrets and the soft-delete mark.
HIDDEN = frozenset({"password_hash", "deleted_at", "hash", "ticket_key", "storage_key"})
# Fields a client may echo back from a read; accepted and not stored.
READ_ONLY = frozenset({"id", "created_at", "updated_at", "datecreated"})


def amount(value: Decimal) -> orjson.Fragment:
    """A JSON number written from the Decimal itself ("1500.00"), never through a float."""
    return orjson.Fragment(format(money(value), "f").encode())


# v1's declared records (rest_compat.records).
V1 = Dialect("rest_compat.v1", JSON_TYPES)


def render(value: Any) -> Any:
    if isinstance(value, Decimal):
        return amount(value)
    if isinstance(value, datetime):
        return iso_time(value)
    if isinstance(value, date):
        return iso_date(value)
    return value


@dataclass(frozen=True)
class Shape:
    """A row as v1 shows it: every column but the HIDDEN ones, renamed where the document
    writes the field another way (`clientid` for customer_id)."""

    names: Mapping[str, str] = field(default_factory=dict)
    # Times the document writes as "2026-02-10 09:00:00" (UTC), shown the same way.
    plain_times: frozenset[str] = frozenset()
    # The table whose rows it shows: the reply's fields are its columns (the OpenAPI
    # document's schema); "" for rows of several tables.
    table: str = ""

    def reply_schema(self, extra: Mapping[str, Schema] | None = None) -> Schema:
        if not self.table:
            return dict(ANY_RECORD)
        return table_record("V1", self.table, names=self.names, hidden=HIDDEN, extra=extra)

    def json(self, res: Resource) -> JsonShape:
        """This shape of `res`'s rows made by the database (rest_compat.plans), field by
        field the same: every column but the hidden ones, the id first."""
        shown = sorted(
            (c for c in res.table.c if c.name not in HIDDEN), key=lambda c: c.name != "id"
        )
        values = tuple(
            Value(self.names.get(c.name, c.name), c.name,
                  "time" if c.name in self.plain_times else kind_of(c))
            for c in shown
        )  # fmt: skip
        if len({v.key for v in values}) != len(values):
            raise ValueError(f"{res.table.name}: two columns are shown under one name")
        return JsonShape(res.grant, res.table, values)

    def __call__(self, row: Row) -> dict[str, Any]:
        # The id first, as a reader looks for it.
        out: dict[str, Any] = {"id": row["id"]} if "id" in row else {}
        for key, value in row.items():
            if key in HIDDEN:
                continue
            shown = perfex_time(value) if key in self.plain_times else render(value)
            out[self.names.get(key, key)] = shown
        return out


CUSTOMER_NAMES = ("customer_id", "clientid", "client", "userid")


def customer_alias(first: str) -> dict[str, str]:
    """Every name v1 clients give a record's customer, the document's own one first (so
    errors name the field the way the document does)."""
    return {first: "customer_id", **{n: "customer_id" for n in CUSTOMER_NAMES if n != first}}
