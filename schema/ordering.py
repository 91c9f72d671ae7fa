"""orderBy inputs: per node type an XOrderField enum and an XOrderBy input
{field, direction, nulls}; a list of them sorts by each in turn, then by id."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

import strawberry

from resolvers.core.errors import Invalid
from resolvers.core.ordering import Order

MAX_ORDER_FIELDS = 10


@strawberry.enum(name="OrderDirection")
class OrderDirection(Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.enum(name="NullsOrder", description="Where missing values go; LAST unless told.")
class NullsOrder(Enum):
    FIRST = "first"
    LAST = "last"


def field_enum(name: str, columns: Sequence[str], description: str) -> type[Enum]:
    """An enum of columns: COMPANY -> "company", DATABASE_ID -> "id"."""
    members = {("DATABASE_ID" if c == "id" else c.upper()): c for c in columns}
    enum: type[Enum] = Enum(name, members)  # type: ignore[misc]
    return strawberry.enum(enum, name=name, description=description)


def order_input(type_name: str, columns: Sequence[str]) -> tuple[type[Enum], type]:
    fields = field_enum(f"{type_name}OrderField", columns, f"Fields {type_name} lists sort by.")
    name = f"{type_name}OrderBy"
    namespace: dict[str, Any] = {
        "__annotations__": {
            "field": fields,
            "direction": OrderDirection,
            "nulls": NullsOrder | None,
        },
        "direction": OrderDirection.ASC,
        "nulls": None,
    }
    order_by = strawberry.input(
        type(name, (), namespace), name=name, description="One sort key; ties fall to the next."
    )
    return fields, order_by


def to_order(values: Sequence[Any] | None) -> tuple[Order, ...]:
    if values and len(values) > MAX_ORDER_FIELDS:
        raise Invalid.field("orderBy", f"sort by at most {MAX_ORDER_FIELDS} fields")
    return tuple(
        Order(v.field.value, v.direction.value, v.nulls.value if v.nulls is not None else None)
        for v in values or ()
    )
