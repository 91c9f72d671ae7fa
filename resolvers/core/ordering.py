"""Sorting over several fields, and keyset positions in that order.

Every order ends with the id, so rows never tie and a cursor (the sort values of a row
and its id) names one place in the order. Nulls go where the caller says, last by
default, on both engines alike. Text sorts by code point on both engines: SQLite's
BINARY collation, and "C" on PostgreSQL, whose database collation would otherwise decide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, false, literal, or_, true
from sqlalchemy.sql.schema import Column

from resolvers.core.errors import Invalid
from resolvers.core.filtering import coerce, python_type, visible_columns
from resolvers.core.resources import Resource


@dataclass(frozen=True)
class Order:
    field: str
    direction: Literal["asc", "desc"] = "asc"
    nulls: Literal["first", "last"] | None = None


@dataclass(frozen=True)
class SortKey:
    name: str
    column: Column[Any]
    expr: ColumnElement[Any]
    descending: bool
    nulls_last: bool

    @property
    def nullable(self) -> bool:
        return bool(self.column.nullable)

    def reversed(self) -> SortKey:
        return SortKey(self.name, self.column, self.expr, not self.descending, not self.nulls_last)

    def clause(self) -> Any:
        ordered = self.expr.desc() if self.descending else self.expr.asc()
        if not self.nullable:
            return ordered
        return ordered.nulls_last() if self.nulls_last else ordered.nulls_first()

    def after(self, value: Any) -> ColumnElement[bool]:
        """Rows strictly after `value` in this key's order."""
        if value is None:
            return false() if self.nulls_last else self.expr.is_not(None)
        # SQLAlchemy takes a bare True/False for = and != only: a boolean key's
        # position is bound as a value of the column's type.
        bound = literal(value, self.column.type) if isinstance(value, bool) else value
        beyond: ColumnElement[bool] = self.expr < bound if self.descending else self.expr > bound
        if self.nullable and self.nulls_last:
            return or_(beyond, self.expr.is_(None))
        return beyond

    def equal(self, value: Any) -> ColumnElement[bool]:
        return self.expr.is_(None) if value is None else self.expr == value


@dataclass(frozen=True)
class Sorting:
    """An order made total: the caller's keys, then the id."""

    keys: tuple[SortKey, ...]
    # Names the order inside cursors, so a cursor is refused under another order.
    signature: str

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys)

    def clauses(self, *, reverse: bool = False) -> list[Any]:
        return [(k.reversed() if reverse else k).clause() for k in self.keys]

    def after(self, values: Sequence[Any], *, reverse: bool = False) -> ColumnElement[bool]:
        """Rows after the position `values` (before it, with `reverse`)."""
        keys = [k.reversed() if reverse else k for k in self.keys]
        branches = []
        for i, key in enumerate(keys):
            ties = [keys[j].equal(values[j]) for j in range(i)]
            branches.append(and_(true(), *ties, key.after(values[i])))
        return or_(false(), *branches)

    def position(self, payload: Sequence[Any], field: str) -> list[Any]:
        """The sort values a cursor's payload holds, typed, or Invalid."""
        if not payload or payload[0] != self.signature:
            raise Invalid.field(field, "was issued for another orderBy")
        values = list(payload[1:])
        if len(values) != len(self.keys):
            raise Invalid.field(field, "is not a cursor this API issued")
        return [
            None if v is None else coerce(k.column, v, field)
            for k, v in zip(self.keys, values, strict=True)
        ]


def sorting(res: Resource, order: Sequence[Order], dialect: str) -> Sorting:
    columns = visible_columns(res)
    table = res.table
    keys: list[SortKey] = []
    for o in order:
        column = columns.get(o.field)
        if column is None:
            raise Invalid.field(
                "order", f"unknown field {o.field!r}; {res.label} cannot sort by it"
            )
        if o.direction not in ("asc", "desc"):
            raise Invalid.field("order", f"direction must be asc or desc, not {o.direction!r}")
        if o.nulls not in (None, "first", "last"):
            raise Invalid.field("order", f"nulls must be first or last, not {o.nulls!r}")
        if any(k.name == o.field for k in keys):
            continue
        expr: ColumnElement[Any] = table.c[o.field]
        if dialect == "postgresql" and python_type(column) is str:
            expr = expr.collate("C")
        keys.append(SortKey(o.field, column, expr, o.direction == "desc", o.nulls != "first"))
        if o.field == "id":
            break
    if not keys or keys[-1].name != "id":
        keys.append(SortKey("id", table.c.id, table.c.id, False, True))
    signature = ",".join(
        f"{k.name}:{'d' if k.descending else 'a'}{'l' if k.nulls_last else 'f'}" for k in keys
    )
    return Sorting(tuple(keys), signature)
