"""Figures on every connection, typed per node type:

    aggregate { count sum { total } avg { total } min { date } max { date } }
    groupBy(field: DATE, truncate: MONTH) { key count sum { total } }

sum/avg cover the numeric fields of the type, min/max the numeric, date and time fields.
Money (Decimal) comes back exact, as a string; other sums and averages as Float. Only the
figures a query selects are computed, in one statement per connection (per relation
level, for nested connections).
"""

from __future__ import annotations

import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types.enum import StrawberryEnumDefinition
from strawberry.utils.str_converters import to_camel_case

from resolvers.core import aggregates, relations
from resolvers.core.aggregates import KINDS, Aggregates, AggregateSpec, Group, Grouping
from resolvers.core.context import Ctx
from resolvers.core.filtering import Where, python_type, visible_columns
from resolvers.core.reading import Query
from resolvers.core.resources import Resource
from schema.connection import Connection, child_fields, subfields
from schema.context import Info
from schema.ordering import field_enum

_DESCRIPTIONS = {
    "sum": "Sums of the numeric fields over all matching records.",
    "avg": "Averages of the numeric fields (money rounded half up to cents).",
    "min": "Smallest values.",
    "max": "Largest values.",
}


@strawberry.enum(name="DateTruncation", description="The period a date or time is grouped by.")
class DateTruncation(Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class AggregateTypes:
    aggregate: type
    group: type
    group_field: type[Enum]
    # "sum" -> XSumFields..., only for kinds the type has fields for.
    parts: dict[str, type]
    # "sum" -> {GraphQL field name: column}
    names: dict[str, dict[str, str]]
    # Enum columns: {column: {stored code: the enum value's name}}
    labels: dict[str, dict[Any, str]] = field(default_factory=dict)

    def values(self, result: Aggregates) -> dict[str, Any]:
        values: dict[str, Any] = {"count": result.count}
        for kind, part in self.parts.items():
            values[kind] = part(**getattr(result, kind))
        return values

    def build(self, result: Aggregates) -> Any:
        return self.aggregate(**self.values(result))

    def build_group(self, group: Group, column: str) -> Any:
        labels = self.labels.get(column)
        # An enum column's groups are keyed by the value's name, as its field shows it;
        # a code the enum does not know stays the code rather than a lie.
        key = labels.get(group.key, group.key) if labels is not None else _json(group.key)
        return self.group(key=key, **self.values(group.values))


def _json(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _figure_type(kind: str, python: type) -> type | None:
    if kind in ("sum", "avg"):
        if python is Decimal:
            return Decimal
        return float if python in (int, float) else None
    return python if python in (int, float, Decimal, date, datetime) else None


def aggregate_types(
    res: Resource,
    type_name: str,
    columns: Sequence[str],
    groupable: Sequence[str],
    enums: Mapping[str, StrawberryEnumDefinition] | None = None,
) -> AggregateTypes:
    """XAggregate over `columns` (foreign keys and `enums` left out: a code is not a
    quantity), XGrouping, and XGroupingField over `groupable`."""
    enums = enums or {}
    table_columns = visible_columns(res)
    parts: dict[str, type] = {}
    names: dict[str, dict[str, str]] = {}
    for kind in KINDS:
        fields: dict[str, type] = {}
        for column in columns:
            found = table_columns[column]
            counted = not found.foreign_keys and column not in enums
            figure = _figure_type(kind, python_type(found)) if counted else None
            if figure is not None:
                fields[column] = figure
        if not fields:
            continue
        name = f"{type_name}{kind.title()}Fields"
        namespace: dict[str, Any] = {
            "__annotations__": {c: t | None for c, t in fields.items()},
            **{c: strawberry.field(default=None, name=to_camel_case(c)) for c in fields},
        }
        parts[kind] = strawberry.type(type(name, (), namespace), name=name)
        names[kind] = {to_camel_case(c): c for c in fields}

    figures: dict[str, Any] = {"count": int, **parts}

    def described() -> dict[str, Any]:
        # A field object per class: Strawberry binds each to the class it is declared on.
        return {k: strawberry.field(description=_DESCRIPTIONS[k]) for k in parts} | {
            "count": strawberry.field(description="How many records match.")
        }

    aggregate_name, group_name = f"{type_name}Aggregate", f"{type_name}Grouping"
    aggregate = strawberry.type(
        type(aggregate_name, (), {"__annotations__": dict(figures), **described()}),
        name=aggregate_name,
        description=f"Figures over the {res.label.lower()} records of a connection.",
    )
    group = strawberry.type(
        type(
            group_name,
            (),
            {
                "__annotations__": {"key": JSON | None, **figures},
                "key": strawberry.field(
                    description=(
                        "The group's value: a date for truncated times, a name for enums; "
                        "null for the records without one (their group comes last)."
                    )
                ),
                **described(),
            },
        ),
        name=group_name,
    )
    group_field = field_enum(
        f"{type_name}GroupingField", groupable, f"Fields {type_name} groups by."
    )
    labels = {c: {v.value: v.name for v in e.values} for c, e in enums.items()}
    return AggregateTypes(aggregate, group, group_field, parts, names, labels)


def spec_of(info: Info, types_: AggregateTypes) -> AggregateSpec:
    """The figures the selection under this field asks for."""
    wanted: dict[str, list[str]] = {kind: [] for kind in KINDS}
    fragments = info._raw_info.fragments
    for selection in child_fields(info):
        kind = selection.name.value
        names = types_.names.get(kind)
        if names is not None:
            asked = (f.name.value for f in subfields([selection], fragments))
            wanted[kind] += (names[name] for name in asked if name in names)
    return AggregateSpec.of(wanted)


# Each connection type's figures by its GraphQL name, for the compiled path's catalog.
FIGURES: dict[str, AggregateTypes] = {}


def connection_type(node: type, type_name: str, figures: AggregateTypes) -> type:
    """XConnection: Connection[node] with aggregate and groupBy over its source."""

    async def aggregate(self: Any, info: Info) -> Any:
        return figures.build(await self.source.aggregate(spec_of(info, figures)))

    async def group_by(self: Any, info: Info, field: Any, truncate: Any = None) -> Any:
        grouping = Grouping(
            field.value, None if truncate is None else truncate.value, spec_of(info, figures)
        )
        return [figures.build_group(g, grouping.field) for g in await self.source.groups(grouping)]

    aggregate.__annotations__ = {"self": Any, "info": Info, "return": figures.aggregate}
    group_by.__annotations__ = {
        "self": Any,
        "info": Info,
        "field": figures.group_field,
        "truncate": DateTruncation | None,
        "return": list[figures.group],  # type: ignore[name-defined]
    }
    name = f"{type_name}Connection"
    FIGURES[name] = figures
    body = {
        "aggregate": strawberry.field(
            resolver=aggregate, description="Figures over every record matching the filter."
        ),
        "group_by": strawberry.field(
            resolver=group_by,
            description="The matching records grouped by a field, in key order (nulls last).",
        ),
    }
    cls = types.new_class(name, (Connection[node],), exec_body=lambda ns: ns.update(body))  # type: ignore[valid-type]
    return strawberry.type(cls, name=name)


@dataclass(frozen=True)
class RootSource:
    """Where a root connection's rows come from, for its aggregate and groupBy."""

    ctx: Ctx
    resource: Resource
    where: Where | None
    search: str | None

    async def aggregate(self, spec: AggregateSpec) -> Aggregates:
        return await aggregates.aggregate_records(
            self.ctx, self.resource, spec, where=self.where, search=self.search
        )

    async def groups(self, grouping: Grouping) -> list[Group]:
        return await aggregates.group_records(
            self.ctx, self.resource, grouping, where=self.where, search=self.search
        )


@dataclass(frozen=True)
class NeighbourSource:
    """A nested connection's rows: the figures of every parent load in one batch."""

    ctx: Ctx
    owner: Resource
    name: str
    query: Query
    owner_id: int

    async def aggregate(self, spec: AggregateSpec) -> Aggregates:
        return await relations.load_aggregates(
            self.ctx, self.owner, self.name, self.query, spec, self.owner_id
        )

    async def groups(self, grouping: Grouping) -> list[Group]:
        return await relations.load_groups(
            self.ctx, self.owner, self.name, self.query, grouping, self.owner_id
        )
