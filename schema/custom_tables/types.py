"""A row of an operator-defined table: its columns are the operator's, so they travel as
one JSON object, each value as JSON can carry it."""

from __future__ import annotations

import base64
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.scalars import JSON

from resolvers.core.context import Row


def _plain(value: Any) -> Any:
    """A column value JSON can carry: times and dates in ISO 8601, exact numbers as
    strings (a float would round them), bytes as text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.decode(errors="replace")
    return value


@strawberry.type(
    name="CustomTableRow",
    description="A row of a table the operator declared (CRM_CUSTOM_TABLES).",
)
class CustomTableRowType:
    id: strawberry.ID = strawberry.field(
        description="Opaque and unique across tables (a client cache's key); `key` is the "
        "row's own key."
    )
    table: str
    key: int = strawberry.field(description="The value of the table's integer primary key.")
    values: JSON = strawberry.field(
        description="Every column shown, by its name in the table, the key included."
    )

    @classmethod
    def from_row(cls, table: str, row: Row) -> CustomTableRowType:
        # The service shows the key first, whatever the table calls it.
        key = int(next(iter(row.values())))
        opaque = base64.b64encode(f"CustomTableRow:{table}:{key}".encode()).decode()
        values: Any = {str(name): _plain(value) for name, value in row.items()}
        return cls(id=strawberry.ID(opaque), table=table, key=key, values=values)
