"""The filter grammar as SQL, and how a resource reaches its neighbours.

A filter is plain data (see `resolvers.core.reading`): field names are column names, relation
names nest a filter on the neighbour. Values arrive typed from GraphQL or as strings from
REST, so every value is coerced to its column's type here, once.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    FromClause,
    SmallInteger,
    and_,
    exists,
    false,
    literal,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.sql.schema import Column
from sqlalchemy.types import TypeDecorator

from resolvers.core.context import Ctx
from resolvers.core.errors import Invalid, Missing
from resolvers.core.permissions import may_read, require
from resolvers.core.resources import REGISTRY, Relation, Resource
from resolvers.core.searching import search_words, word_in
from resolvers.core.validation import check_text
from resolvers.models import CustomField, CustomFieldValue, table_of

Where = Mapping[str, Any]

OPERATORS = ("eq", "ne", "in", "notIn", "lt", "lte", "gt", "gte", "between", "contains",
             "startsWith", "isNull")  # fmt: skip
MAX_LIST = 100
# and/or/not and relations nest filters; deeper than this is an attack, not a question.
MAX_DEPTH = 12


@cache
def visible_columns(res: Resource) -> dict[str, Column[Any]]:
    """The columns generic reads may filter, order, group and aggregate on."""
    hidden = {*res.hidden, "deleted_at"}
    return {c.name: c for c in res.table.columns if c.name not in hidden}


@cache
def python_type(column: Column[Any]) -> type:
    """The Python type of a column's values, looking through TypeDecorators (Fixed,
    UTCDateTime, SQLModel's AutoString), which do not say it themselves."""
    sql_type = column.type
    if isinstance(sql_type, TypeDecorator):
        sql_type = sql_type.impl_instance
    try:
        kind: type = sql_type.python_type
    except NotImplementedError:
        return object
    return kind


def coerce(column: Column[Any], value: Any, field: str) -> Any:
    """`value` as the column's Python type; REST sends strings, GraphQL typed values."""
    if isinstance(value, str):
        check_text(value, field)
    kind = python_type(column)
    try:
        typed = _COERCE.get(kind, _as_is)(value)
    except (ValueError, TypeError, InvalidOperation):
        raise Invalid.field(field, f"{value!r} is not a valid {kind.__name__}") from None
    if not fits(column, typed):
        raise Invalid.field(field, f"{value!r} is out of range")
    return typed


def fits(column: Column[Any], value: Any) -> bool:
    """Whether the database can hold `value` in this column, so a bound parameter never
    fails in the driver (PostgreSQL refuses an int4 past 2**31, SQLite an int past 2**63;
    neither engine takes NaN or an infinity in NUMERIC)."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        sql_type = column.type
        bits = 63 if isinstance(sql_type, BigInteger) else 31
        if isinstance(sql_type, SmallInteger):
            bits = 15
        return bool(-(2**bits) <= value < 2**bits)
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return False
        precision, scale = (
            getattr(column.type, "precision", None),
            getattr(column.type, "scale", None),
        )
        if precision is None or scale is None or value.is_zero():
            return True
        # adjusted(): the leading digit's power of ten; abs() would overflow on 1e999999999.
        return bool(value.adjusted() < precision - scale)
    return True


def _as_is(value: Any) -> Any:
    return value


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes"}:
        return True
    if text in {"0", "false", "no"}:
        return False
    raise ValueError(value)


def _int(value: Any) -> int:
    if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
        raise ValueError(value)
    return int(value)


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(value)
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def _datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    # A time without a zone is read as UTC, the zone every stored time is in.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip()[:10])


def _str(value: Any) -> str:
    if isinstance(value, (str, int, Decimal)) and not isinstance(value, bool):
        return str(value)
    raise TypeError(value)


_COERCE: dict[type, Any] = {
    bool: _bool, int: _int, Decimal: _decimal, float: float, datetime: _datetime,
    date: _date, str: _str,
}  # fmt: skip


@dataclass(frozen=True)
class Hop:
    """One edge of the graph, as SQL: the neighbour table and how it joins its owner."""

    owner: Resource
    name: str
    relation: Relation
    target: Resource

    def reach(self, target: FromClause) -> tuple[FromClause, ColumnElement[Any]]:
        """The FROM clause of the neighbours, and the column holding the owner's id
        (for `many` and `through`)."""
        return self.relation.reach(target)

    def matches(self, target: FromClause) -> list[ColumnElement[bool]]:
        """The relation's fixed equalities on the neighbour (notes: rel_type)."""
        return [target.c[name] == value for name, value in self.relation.match]

    def joined(self, owner: FromClause) -> tuple[FromClause, FromClause, list[ColumnElement[bool]]]:
        """The live neighbours of `owner`'s row: a fresh alias of their table (so that a
        query may come back to a table it holds, contacts -> customer -> contacts,
        without SQL correlating the wrong copy), the FROM clause reaching it, and the
        WHERE clauses tying it to the owner."""
        target = self.target.table.alias()
        live = [target.c.deleted_at.is_(None), *self.matches(target)]
        if self.relation.kind == "one":
            return target, target, [*live, target.c.id == owner.c[self.relation.column]]
        source, owner_key = self.reach(target)
        return target, source, [*live, owner_key == owner.c.id]


def hop(owner: Resource, name: str, field: str | None = None) -> Hop:
    relation = owner.relations.get(name)
    target = REGISTRY.get(relation.target) if relation is not None else None
    if relation is None or target is None:
        raise Invalid.field(field or name, f"{owner.label} has no relation {name!r}")
    return Hop(owner, name, relation, target)


def require_neighbours(ctx: Ctx, step: Hop, action: str = "get") -> None:
    """Reaching neighbours (a nested edge, a filter through a relation) needs the grant
    reading them directly needs: an edge never shows what the neighbour's own path hides."""
    require(ctx.principal, step.target.grant, action)


def search_clause(
    ctx: Ctx, res: Resource, term: str | None, table: FromClause | None = None
) -> list[Any]:
    """Every word of the term (see `resolvers.core.searching`) must appear in one of the
    resource's search columns, in one of the record's custom field values (a purchase
    order number kept in a custom field finds its invoice like its own number does), or
    in a search column of a neighbour the resource searches through (a customer's
    contacts) when the caller may read that neighbour: otherwise which records match
    would tell what the neighbours hold."""
    words = search_words(term)
    source = res.table if table is None else table
    columns = [source.c[name] for name in res.search]
    if not columns or not words:
        return []
    through = [
        step
        for step in (hop(res, name) for name in res.search_through)
        if may_read(ctx.principal, step.target.grant)
    ]
    return [
        or_(
            *(word_in(c, word) for c in columns),
            _custom_value(res, source, word),
            *(_in_neighbour(step, source, word) for step in through),
        )
        for word in words
    ]


def _in_neighbour(step: Hop, source: FromClause, word: str) -> ColumnElement[bool]:
    target, found, tied = step.joined(source)
    words = or_(*(word_in(target.c[name], word) for name in step.target.search))
    return select(literal(1)).select_from(found).where(*tied, words).exists()


def _custom_value(res: Resource, source: FromClause, word: str) -> ColumnElement[bool]:
    values, fields = table_of(CustomFieldValue), table_of(CustomField)
    return exists().where(
        values.c.field_to == res.name,
        values.c.rel_id == source.c.id,
        values.c.deleted_at.is_(None),
        word_in(values.c.value, word),
        fields.c.id == values.c.field_id,
        fields.c.deleted_at.is_(None),
        fields.c.active,
    )


def matching(
    ctx: Ctx,
    res: Resource,
    *,
    where: Where | None = None,
    search: str | None = None,
    scope: Sequence[ColumnElement[bool]] = (),
) -> list[ColumnElement[bool]]:
    """The WHERE clauses of live records of `res.table` that pass the filter and search."""
    table = res.table
    clauses: list[ColumnElement[bool]] = [table.c.deleted_at.is_(None), *scope]
    if where:
        clauses.append(where_clause(ctx, res, where, table))
    if search:
        clauses.extend(search_clause(ctx, res, search, table))
    return clauses


def where_clause(ctx: Ctx, res: Resource, where: Where, table: FromClause) -> ColumnElement[bool]:
    return filter_clause(res, where, table, lambda step: require_neighbours(ctx, step))


def filter_clause(
    res: Resource, where: Where, table: FromClause, reach: Callable[[Hop], None]
) -> ColumnElement[bool]:
    """The filter over `table` (the resource's table or an alias of it). `reach` is told
    of every relation the filter goes through, when it goes through it, before what lies
    beyond is read: `where_clause` checks the caller may read the neighbours there (so
    the first refusal is the error), a compiled read collects the grants it needs."""
    return _Compiler(reach).where(res, table, where, "", 0)


class _Compiler:
    def __init__(self, reach: Callable[[Hop], None]) -> None:
        self.reach = reach

    def where(
        self, res: Resource, table: FromClause, where: Any, path: str, depth: int
    ) -> ColumnElement[bool]:
        if not isinstance(where, Mapping):
            raise Invalid.field(path or "filter", "must be an object of fields and operators")
        if depth > MAX_DEPTH:
            raise Invalid.field(path or "filter", f"nests deeper than {MAX_DEPTH} levels")
        columns = visible_columns(res)
        parts: list[ColumnElement[bool]] = []
        for key, value in where.items():
            here = f"{path}.{key}" if path else str(key)
            if key in columns:
                parts.append(self.field(table.c[key], columns[key], value, here))
            elif key not in ("and", "or", "not") and key not in res.relations:
                raise Invalid.field(here, f"unknown field; {res.label} has no field {key!r}")
            elif value is None:
                continue
            elif key == "not":
                parts.append(not_(self.where(res, table, value, path, depth + 1)))
            elif key in ("and", "or"):
                items = _list(value, here, key)
                subs = [self.where(res, table, item, path, depth + 1) for item in items]
                parts.append(and_(true(), *subs) if key == "and" else or_(false(), *subs))
            else:
                parts.append(self.neighbour(res, table, key, value, here, depth + 1))
        return and_(true(), *parts)

    def neighbour(
        self, owner: Resource, table: FromClause, name: str, where: Any, path: str, depth: int
    ) -> ColumnElement[bool]:
        step = hop(owner, name, path)
        self.reach(step)
        target, source, tied = step.joined(table)
        matched = self.where(step.target, target, where, path, depth)
        return select(literal(1)).select_from(source).where(*tied, matched).exists()

    def field(
        self, expr: ColumnElement[Any], column: Column[Any], ops: Any, path: str
    ) -> ColumnElement[bool]:
        if not isinstance(ops, Mapping):
            ops = {"eq": ops}
        return and_(true(), *(self.operator(expr, column, op, v, path) for op, v in ops.items()))

    def operator(
        self, expr: ColumnElement[Any], column: Column[Any], op: str, value: Any, path: str
    ) -> ColumnElement[bool]:
        kind = python_type(column)
        nullable = bool(column.nullable)

        def one(v: Any) -> Any:
            return coerce(column, v, path)

        if op == "eq":
            return expr.is_(None) if value is None else expr == one(value)
        if op == "ne":
            if value is None:
                return expr.is_not(None)
            return expr.is_distinct_from(one(value)) if nullable else expr != one(value)
        if op == "isNull":
            if value not in (True, False, "true", "false", 1, 0, "1", "0"):
                raise Invalid.field(path, "isNull takes true or false")
            return expr.is_(None) if _bool(value) else expr.is_not(None)
        if op in ("in", "notIn"):
            values = [one(v) for v in _list(value, path, op)]
            if op == "in":
                return expr.in_(values)
            return or_(expr.is_(None), expr.not_in(values)) if nullable else expr.not_in(values)
        if op in ("lt", "lte", "gt", "gte", "between"):
            if kind is bool:
                raise Invalid.field(path, f"{op} does not apply to a true/false field")
            if op == "between":
                bounds = _list(value, path, op)
                if len(bounds) != 2:
                    raise Invalid.field(path, "between takes two values: [low, high]")
                return expr.between(one(bounds[0]), one(bounds[1]))
            compared: ColumnElement[bool] = _COMPARE[op](expr, one(value))
            return compared
        if op in ("contains", "startsWith"):
            if kind is not str:
                raise Invalid.field(path, f"{op} applies to text fields only")
            if not isinstance(value, str):
                raise Invalid.field(path, f"{op} takes text")
            text = check_text(value, path)
            if op == "contains":
                return expr.icontains(text, autoescape=True)
            return expr.istartswith(text, autoescape=True)
        raise Invalid.field(path, f"unknown operator {op!r}; use one of {', '.join(OPERATORS)}")


_COMPARE: dict[str, Any] = {
    "lt": lambda e, v: e < v,
    "lte": lambda e, v: e <= v,
    "gt": lambda e, v: e > v,
    "gte": lambda e, v: e >= v,
}


def _list(value: Any, path: str, op: str) -> list[Any]:
    if not isinstance(value, Sequence) or isinstance(value, (str, bytes)):
        raise Invalid.field(path, f"{op} takes a list")
    if len(value) > MAX_LIST:
        raise Invalid.field(path, f"{op} takes at most {MAX_LIST} values")
    return list(value)


async def naming(column: Column[Any], lookup: Awaitable[int | None]) -> ColumnElement[bool]:
    """A list filter that names a record of a reference list (a lead status, a role, a
    ticket priority: by id or by name): the rows pointing at it. A name or id that names
    no such record is a question with no answer, not a bad reference: it matches no row,
    as a filter by an id that names nothing does (`customer_id=999` finds no invoice)."""
    try:
        found = await lookup
    except Missing:
        return false()
    return false() if found is None else column == found
