"""Writing rows of the operator's tables: the same service, permission ("customtable")
and column checks as perfex's thirdparty/customtable paths."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from resolvers import custom_tables
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict, Invalid, NotFound
from schema.context import Info
from schema.custom_tables.types import CustomTableRowType
from schema.errors import Payload, UserError, user_errors

CustomTableRowPayload = Payload[CustomTableRowType]
NO_TABLES = custom_tables.CustomTables()


def _tables(ctx: Ctx) -> custom_tables.CustomTables:
    return ctx.custom_tables or NO_TABLES


def _field(name: str) -> str:
    """Where an error points: a column by its own name under `values` (never camel-cased:
    the names are the operator's), the whole object, or the table."""
    if name == "body":
        return "values"
    if name == "table":
        return "table"
    return f"values.{name}"


def _values(given: Any) -> dict[str, Any]:
    if not isinstance(given, dict):
        raise Invalid.field("body", "must be an object of column names and values")
    return given


async def _written(table: str, call: Callable[[], Awaitable[Row]]) -> CustomTableRowPayload:
    try:
        row = await call()
    except Invalid as exc:
        errors = [
            UserError(field=_field(f), code=exc.code, message=m) for f, m in exc.errors.items()
        ]
        return Payload(record=None, user_errors=errors)
    except (Conflict, NotFound) as exc:
        return Payload(record=None, user_errors=user_errors(exc))
    return Payload(record=CustomTableRowType.from_row(table, row), user_errors=[])


Table = Annotated[
    str, strawberry.argument(description="The table's name, as CRM_CUSTOM_TABLES declares it.")
]


@strawberry.type
class CustomTableMutation:
    @strawberry.mutation(description="Insert a row; `values` maps column names to values.")
    async def create_custom_table_row(
        self, info: Info, table: Table, values: JSON
    ) -> CustomTableRowPayload:
        ctx = info.context.ctx
        return await _written(
            table,
            lambda: custom_tables.create_custom_row(ctx, _tables(ctx), table, _values(values)),
        )

    @strawberry.mutation(description="Change the given columns of the row with this key.")
    async def update_custom_table_row(
        self, info: Info, table: Table, key: int, values: JSON
    ) -> CustomTableRowPayload:
        ctx = info.context.ctx
        return await _written(
            table,
            lambda: custom_tables.update_custom_row(ctx, _tables(ctx), table, key, _values(values)),
        )

    @strawberry.mutation(
        description="Delete the row for good (the operator's tables keep no deleted mark); "
        "the payload holds it as it was."
    )
    async def delete_custom_table_row(
        self, info: Info, table: Table, key: int
    ) -> CustomTableRowPayload:
        ctx = info.context.ctx
        return await _written(
            table, lambda: custom_tables.delete_custom_row(ctx, _tables(ctx), table, key)
        )
