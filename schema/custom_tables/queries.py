"""Reading rows of the operator's tables, under the same permission as perfex's paths."""

from __future__ import annotations

import strawberry

from resolvers import custom_tables
from resolvers.core.errors import NotFound
from schema.context import Info
from schema.custom_tables.mutations import NO_TABLES, Table
from schema.custom_tables.types import CustomTableRowType


@strawberry.type
class CustomTableQuery:
    @strawberry.field(
        description=f"The table's rows by key, at most {custom_tables.MAX_ROWS} (the first ones)."
    )
    async def custom_table_rows(self, info: Info, table: Table) -> list[CustomTableRowType] | None:
        ctx = info.context.ctx
        rows = await custom_tables.list_custom_rows(ctx, ctx.custom_tables or NO_TABLES, table)
        return [CustomTableRowType.from_row(table, r) for r in rows]

    @strawberry.field(
        description="The row with this key; null when there is none (an undeclared table is "
        "an error)."
    )
    async def custom_table_row(
        self, info: Info, table: Table, key: int
    ) -> CustomTableRowType | None:
        ctx = info.context.ctx
        try:
            row = await custom_tables.get_custom_row(
                ctx, ctx.custom_tables or NO_TABLES, table, key
            )
        except NotFound as exc:
            # A missing row is null; a table that is not declared is an error.
            if exc.resource != "Record":
                raise
            return None
        return CustomTableRowType.from_row(table, row)
