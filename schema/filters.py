"""Filter inputs: one operator input per scalar kind (StringFilter, IntFilter...), and
per node type an XFilter over its fields and relations, combined with and/or/not.

`to_plain` turns any of them into the plain-data grammar of `resolvers.core.reading`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry
from strawberry.types.base import (
    StrawberryObjectDefinition,
    StrawberryOptional,
    has_object_definition,
)
from strawberry.types.enum import StrawberryEnumDefinition

from resolvers.core.filtering import python_type, visible_columns
from resolvers.core.resources import Resource
from schema.node import lazy, type_ref

# Python attribute -> key of the plain grammar, where the GraphQL name is not a
# Python name or the column is exposed under another name.
PLAIN_NAMES = {
    "in_": "in", "not_in": "notIn", "starts_with": "startsWith", "is_null": "isNull",
    "and_": "and", "or_": "or", "not_": "not", "database_id": "id",
}  # fmt: skip


def _operators(
    name: str,
    scalar: Any,
    *,
    lists: bool = True,
    ranges: bool = True,
    text: bool = False,
    description: str | None = None,
) -> type:
    fields: dict[str, tuple[Any, str | None]] = {
        "eq": (scalar, "Equal to; null matches a missing value."),
        "ne": (scalar, "Not equal to (a missing value is not equal)."),
    }
    if lists:
        fields |= {
            "in_": (list[scalar], "One of (at most 100 values)."),  # type: ignore[valid-type]
            "not_in": (list[scalar], "None of (a missing value is none of them)."),  # type: ignore[valid-type]
        }
    if ranges:
        fields |= {
            "lt": (scalar, None),
            "lte": (scalar, None),
            "gt": (scalar, None),
            "gte": (scalar, None),
            "between": (list[scalar], "[low, high], both included."),  # type: ignore[valid-type]
        }
    if text:
        fields |= {
            "contains": (str, "Contains the text, ignoring case."),
            "starts_with": (str, "Starts with the text, ignoring case."),
        }
    fields["is_null"] = (bool, "true: the value is missing; false: it is set.")
    namespace: dict[str, Any] = {"__annotations__": {}}
    for attr, (kind, about) in fields.items():
        namespace["__annotations__"][attr] = kind | None
        namespace[attr] = strawberry.field(
            default=strawberry.UNSET, name=PLAIN_NAMES.get(attr, None), description=about
        )
    cls = type(name, (), namespace)
    return strawberry.input(
        cls, name=name, description=description or f"Conditions on a field of type {name[:-6]}."
    )


StringFilter = _operators("StringFilter", str, text=True)
IntFilter = _operators("IntFilter", int)
FloatFilter = _operators("FloatFilter", float)
DecimalFilter = _operators("DecimalFilter", Decimal)
BooleanFilter = _operators("BooleanFilter", bool, lists=False, ranges=False)
DateTimeFilter = _operators("DateTimeFilter", datetime)
DateFilter = _operators("DateFilter", date)

OPERATOR_INPUTS: dict[type, type] = {
    str: StringFilter, int: IntFilter, float: FloatFilter, Decimal: DecimalFilter,
    bool: BooleanFilter, datetime: DateTimeFilter, date: DateFilter,
}  # fmt: skip


# One operator input per enum (by GraphQL name), shared by every filter with a field of it.
_ENUM_FILTERS: dict[str, type] = {}


def enum_filter(definition: StrawberryEnumDefinition) -> type:
    """XFilter for the GraphQL enum X: eq/ne/in/notIn/isNull of its values. Unordered:
    the order of the codes the values are stored as is not the enum's to promise."""
    found = _ENUM_FILTERS.get(definition.name)
    if found is None:
        found = _ENUM_FILTERS[definition.name] = _operators(
            f"{definition.name}Filter",
            definition.wrapped_cls,
            ranges=False,
            description=f"Conditions on a field of type {definition.name}, by value.",
        )
    return found


def enum_fields(definition: StrawberryObjectDefinition) -> dict[str, StrawberryEnumDefinition]:
    """The fields of a Strawberry type whose GraphQL type is an enum, by Python name."""
    found: dict[str, StrawberryEnumDefinition] = {}
    for field in definition.fields:
        kind = field.type
        if isinstance(kind, StrawberryOptional):
            kind = kind.of_type
        if isinstance(kind, StrawberryEnumDefinition):
            found[field.python_name] = kind
    return found


def attribute(column: str) -> str:
    """The Python attribute (and so the GraphQL field) a column is exposed as."""
    return "database_id" if column == "id" else column


def filter_input(
    res: Resource,
    type_name: str,
    columns: Sequence[str],
    relations: Sequence[tuple[str, str]],
    enums: Mapping[str, StrawberryEnumDefinition] | None = None,
) -> type:
    """XFilter: `columns` of `res` with their operator inputs (a column the node type
    shows as an enum, in `enums`, is filtered by that enum's values), and a nested
    filter per (relation name, target resource) pair."""
    table_columns = visible_columns(res)
    name = f"{type_name}Filter"
    own = type_ref(res.name, "Filter")
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__annotations__": annotations}
    late: dict[str, str] = {}
    for column in columns:
        enum = (enums or {}).get(column)
        if enum is not None:
            annotations[attribute(column)] = enum_filter(enum) | None
            continue
        operators = OPERATOR_INPUTS.get(python_type(table_columns[column]))
        if operators is not None:
            annotations[attribute(column)] = operators | None
    for relation, target in relations:
        late[relation] = f"{type_ref(target, 'Filter')} | None"
    late |= {"and_": f"list[{own}] | None", "or_": f"list[{own}] | None", "not_": f"{own} | None"}
    descriptions = {
        "and_": "Every one of these filters holds.",
        "or_": "At least one of these filters holds.",
        "not_": "This filter does not hold.",
    }
    for attr in annotations:
        namespace[attr] = strawberry.field(default=strawberry.UNSET)
    for attr in late:
        # Filters of neighbours may not exist yet: typed once every node type is known.
        annotations[attr] = Any
        namespace[attr] = strawberry.field(
            default=strawberry.UNSET,
            name=PLAIN_NAMES.get(attr, None),
            description=descriptions.get(
                attr, f"Matches when the {attr} neighbour (for lists: any of them) matches."
            ),
        )
    cls = strawberry.input(
        type(name, (), namespace),
        name=name,
        description=f"Conditions on {res.label.lower()} records; all given fields must hold.",
    )
    for field in cls.__strawberry_definition__.fields:  # type: ignore[attr-defined]
        if field.python_name in late:
            field.type_annotation = lazy(late[field.python_name])
    return cls


def to_plain(value: Any) -> Any:
    """A filter input (or a list of them) as the plain grammar; unset fields are left out."""
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, Enum):
        # An enum field's value is its stored code: the plain grammar compares codes.
        return value.value
    if not has_object_definition(value):
        return value
    plain: dict[str, Any] = {}
    for field in value.__strawberry_definition__.fields:
        given = getattr(value, field.python_name)
        if given is not strawberry.UNSET:
            plain[PLAIN_NAMES.get(field.python_name, field.python_name)] = to_plain(given)
    return plain
