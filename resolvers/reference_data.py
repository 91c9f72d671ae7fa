"""The reference lists a new CRM starts with (resolvers.reference.seeds), inserted once
when a list is empty."""

from __future__ import annotations

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.models import table_of
from resolvers.reference.seeds import REFERENCE


async def ensure_reference_data(conn: AsyncConnection) -> None:
    for model, rows in REFERENCE:
        table = table_of(model)
        if await conn.scalar(select(func.count()).select_from(table)):
            continue
        values = rows() if callable(rows) else rows
        # Build through the model so every row carries the same keys and its defaults.
        await conn.execute(
            insert(table), [model(**row).model_dump(exclude={"id"}) for row in values]
        )
