"""Counts, sums, averages, minima and maxima over filtered records, whole or grouped,
computed in SQL.

Money columns (`Fixed`) sum exactly on both engines (scaled integers on SQLite, NUMERIC
on PostgreSQL); an average is that exact sum divided in Python, rounded half up to the
column's scale, so both engines give the same Decimal. Dates group by day, month or year
in UTC; a group's key is then the first day of its period.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from sqlalchemy import TIMESTAMP, ColumnElement, Date, Select, cast, func, select
from sqlalchemy.sql.schema import Column

from resolvers.core.context import Ctx
from resolvers.core.errors import Invalid
from resolvers.core.filtering import Where, matching, python_type, visible_columns
from resolvers.core.permissions import require
from resolvers.core.resources import Resource
from resolvers.models.types import Fixed

Truncation = Literal["day", "month", "year"]
NUMERIC = (int, float, Decimal)
# A grouped answer is bounded: grouping by a near-unique field is a list, not a report.
# Past the bound the call is refused (not cut short: a report missing groups would
# read as complete), and the cost limit counts every groupBy as this many nodes.
MAX_GROUPS = 1000


# The kinds of figure over a column, as the graph names them.
KINDS = ("sum", "avg", "min", "max")


@dataclass(frozen=True)
class AggregateSpec:
    """Which figures to compute: the fields to sum, average, and take the min/max of."""

    count: bool = True
    sum: tuple[str, ...] = ()
    avg: tuple[str, ...] = ()
    min: tuple[str, ...] = ()
    max: tuple[str, ...] = ()

    @classmethod
    def of(cls, wanted: Mapping[str, Iterable[str]]) -> AggregateSpec:
        """The figures asked for, by kind (a kind of `KINDS`), each column once."""
        return cls(count=True, **{kind: tuple(sorted(set(wanted.get(kind, ())))) for kind in KINDS})


@dataclass(frozen=True)
class Aggregates:
    count: int
    sum: Mapping[str, Any] = field(default_factory=dict)
    avg: Mapping[str, Any] = field(default_factory=dict)
    min: Mapping[str, Any] = field(default_factory=dict)
    max: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Grouping:
    """Group by `field` (truncated to a day, month or year when it is a date or time)."""

    field: str
    truncate: Truncation | None = None
    spec: AggregateSpec = AggregateSpec()


@dataclass(frozen=True)
class Group:
    key: Any
    values: Aggregates


EMPTY = Aggregates(count=0)


def measures(res: Resource, spec: AggregateSpec) -> list[ColumnElement[Any]]:
    """The labelled SQL expressions computing `spec`, its fields checked."""
    columns = visible_columns(res)
    table = res.table

    def column(name: str, numeric: bool) -> Column[Any]:
        found = columns.get(name)
        if found is None:
            raise Invalid.field(name, f"unknown field; {res.label} has no field {name!r}")
        kind = python_type(found)
        if kind is bool or (numeric and kind not in NUMERIC):
            raise Invalid.field(name, "cannot be summed or averaged" if numeric else "has no order")
        return found

    exprs: list[ColumnElement[Any]] = [func.count().label("count")]
    for name in dict.fromkeys((*spec.sum, *spec.avg)):
        column(name, numeric=True)
        exprs.append(func.sum(table.c[name]).label(f"sum__{name}"))
        if name in spec.avg:
            exprs.append(func.count(table.c[name]).label(f"n__{name}"))
    for kind in ("min", "max"):
        for name in getattr(spec, kind):
            column(name, numeric=False)
            exprs.append(getattr(func, kind)(table.c[name]).label(f"{kind}__{name}"))
    return exprs


def figures(res: Resource, spec: AggregateSpec, row: Mapping[Any, Any]) -> Aggregates:
    """A result row of `measures` as Aggregates."""
    averages = {}
    for name in spec.avg:
        total, n = row[f"sum__{name}"], row[f"n__{name}"]
        averages[name] = None if not n or total is None else _mean(res.table.c[name], total, n)
    return Aggregates(
        count=int(row["count"]),
        sum={name: row[f"sum__{name}"] for name in spec.sum},
        avg=averages,
        min={name: row[f"min__{name}"] for name in spec.min},
        max={name: row[f"max__{name}"] for name in spec.max},
    )


def _mean(column: Column[Any], total: Any, n: int) -> Any:
    if isinstance(total, Decimal):
        scale = column.type.scale if isinstance(column.type, Fixed) else None
        mean = total / n
        return mean if scale is None else mean.quantize(Decimal(10) ** -scale, ROUND_HALF_UP)
    return float(total) / n


def group_key(res: Resource, grouping: Grouping, dialect: str) -> ColumnElement[Any]:
    column = visible_columns(res).get(grouping.field)
    if column is None:
        message = f"unknown field; {res.label} has no field {grouping.field!r}"
        raise Invalid.field(grouping.field, message)
    expr = res.table.c[grouping.field]
    if grouping.truncate is None:
        return expr
    kind = python_type(column)
    if kind not in (date, datetime):
        raise Invalid.field("truncate", f"{grouping.field} is not a date or time")
    if grouping.truncate not in ("day", "month", "year"):
        raise Invalid.field("truncate", "must be day, month or year")
    if dialect == "sqlite":
        pattern = {"day": "%Y-%m-%d", "month": "%Y-%m-01", "year": "%Y-01-01"}[grouping.truncate]
        return func.strftime(pattern, expr)
    # Times are truncated in UTC, not in the session's zone.
    local = func.timezone("UTC", expr) if kind is datetime else cast(expr, TIMESTAMP())
    return cast(func.date_trunc(grouping.truncate, local), Date)


def key_value(grouping: Grouping, raw: Any) -> Any:
    # SQLite's strftime answers text; PostgreSQL a date already.
    if grouping.truncate is not None and isinstance(raw, str):
        return date.fromisoformat(raw)
    return raw


def too_many_groups(grouping: Grouping) -> Invalid:
    return Invalid.field(
        "groupBy",
        f"grouping by {grouping.field} makes more than {MAX_GROUPS} groups; filter the "
        "records first or group by a coarser field (a date by month or year)",
    )


def grouped(
    res: Resource, grouping: Grouping, dialect: str, query: Select[Any], *owner: ColumnElement[Any]
) -> Select[Any]:
    """`query` (measures over filtered rows) split by the group key, after any owner key."""
    key = group_key(res, grouping, dialect).label("key")
    return query.add_columns(key).group_by(*owner, key).order_by(*owner, key.asc().nulls_last())


async def aggregate_records(
    ctx: Ctx,
    res: Resource,
    spec: AggregateSpec,
    *,
    where: Where | None = None,
    search: str | None = None,
    scope: Sequence[ColumnElement[bool]] = (),
) -> Aggregates:
    require(ctx.principal, res.grant, "search" if search or where else "get")
    clauses = matching(ctx, res, where=where, search=search, scope=scope)
    query = select(*measures(res, spec)).select_from(res.table).where(*clauses)
    async with ctx.db.read() as conn:
        row = (await conn.execute(query)).one()._mapping
    return figures(res, spec, row)


async def group_records(
    ctx: Ctx,
    res: Resource,
    grouping: Grouping,
    *,
    where: Where | None = None,
    search: str | None = None,
    scope: Sequence[ColumnElement[bool]] = (),
) -> list[Group]:
    """The figures of each group, in key order (nulls last); Invalid past MAX_GROUPS."""
    require(ctx.principal, res.grant, "search" if search or where else "get")
    clauses = matching(ctx, res, where=where, search=search, scope=scope)
    base = select(*measures(res, grouping.spec)).select_from(res.table).where(*clauses)
    query = grouped(res, grouping, ctx.db.dialect, base).limit(MAX_GROUPS + 1)
    async with ctx.db.read() as conn:
        rows = [r._mapping for r in await conn.execute(query)]
    if len(rows) > MAX_GROUPS:
        raise too_many_groups(grouping)
    return [Group(key_value(grouping, r["key"]), figures(res, grouping.spec, r)) for r in rows]
