"""What an explicit null means for a column, decided once for every writer and transport.

Input models take null for any optional field (GraphQL sends it for `field: null`, REST
for `"field": null`). A null clears the field: a text column that is empty by default
stores "", a column that allows NULL stores NULL; any other field (a number, a flag, a
date, a required reference or name) has no empty value, and its null is refused by
name, as the client's mistake, before any row is written. The modules that check a null
themselves (leads, items, tasks...) follow the same rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from sqlalchemy import Column, Table

from resolvers.core.errors import Invalid

NOT_NULL = "must not be null"


@cache
def _not_null(table: Table) -> dict[str, Column[Any]]:
    return {c.name: c for c in table.columns if not c.nullable and not c.primary_key}


def _empty_text(column: Column[Any]) -> bool:
    default = column.default
    return default is not None and default.is_scalar and getattr(default, "arg", None) == ""


def storable(table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` with each null on a NOT NULL text column cleared to ""; a null on any
    other NOT NULL column is refused, naming it."""
    required = _not_null(table)
    out: dict[str, Any] = dict(values)
    problems: dict[str, str] = {}
    for name, value in values.items():
        column = required.get(name)
        if value is not None or column is None:
            continue
        if _empty_text(column):
            out[name] = ""
        else:
            problems[name] = NOT_NULL
    if problems:
        first = next(iter(problems))
        raise Invalid(problems, f"{first}: {problems[first]}")
    return out


# NOT NULL columns whose null a writer reads as a value of its own (a milestone's order:
# 0, first), by (table, column).
_READ_AS: dict[tuple[str, str], Any] = {}


def null_reads_as(table: Table, name: str, value: Any) -> Any:
    """Declare that a null for column `name` is stored as `value`; returns `value`."""
    _READ_AS[(table.name, name)] = value
    return value


def read_as(table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` with each null a writer reads as a value (null_reads_as) so replaced."""
    return {
        name: _READ_AS.get((table.name, name), value) if value is None else value
        for name, value in values.items()
    }


# NOT NULL columns whose null the writer reads as the field left out, never reaching
# `storable`, by (table, column): a priced document's number and date (the next number
# and today on create, no change on update: line_items.documents.columns) and its
# discount and figures (kept or computed from its lines: line_items.figures); a
# payment's and a transaction's date (today); a calendar event's color (its default).
_FIGURES = ("discount_percent", "discount_total", "adjustment", "subtotal", "total_tax", "total")
LEFT_OUT: frozenset[tuple[str, str]] = frozenset(
    {
        *((table, column) for table in ("invoices", "estimates", "credit_notes")
          for column in ("number", "date", *_FIGURES)),
        *(("proposals", column) for column in ("date", *_FIGURES)),
        ("payments", "date"),
        ("transactions", "date"),
        ("calendar_events", "color"),
    }
)  # fmt: skip


def takes_null(table: Table, name: str) -> bool:
    """Whether `storable` keeps an explicit null for column `name` (a column that allows
    NULL, or a NOT NULL text column cleared to ""), or a writer reads it as a value or as
    the field left out, as the OpenAPI document states it; a name that is no column of
    `table` is not this rule's to say (True)."""
    column = table.columns.get(name)
    if column is None or column.nullable:
        return True
    if (table.name, name) in _READ_AS or (table.name, name) in LEFT_OUT:
        return True
    return _empty_text(column)
