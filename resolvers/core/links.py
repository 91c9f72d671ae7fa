"""Link tables that join two records many to many (a task's assignees and followers, a
project's members, a staff member's departments): one owner's target ids, replacing
them, and every owner's live targets in one statement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Ctx, Row
from resolvers.core.permissions import require
from resolvers.core.records import live


@dataclass(frozen=True)
class Link:
    table: Table
    # The column naming the owner ("task_id") and the one naming the target ("staff_id").
    owner: str
    target: str

    async def ids(self, conn: AsyncConnection, owner_id: int) -> list[int]:
        column = self.table.c[self.target]
        rows = await conn.execute(
            select(column).where(self.table.c[self.owner] == owner_id).order_by(column)
        )
        return [int(i) for i in rows.scalars()]

    async def replace(
        self,
        conn: AsyncConnection,
        owner_id: int,
        target_ids: Sequence[int],
        extra: dict[str, Any] | None = None,
    ) -> list[int]:
        """Make the owner's targets `target_ids`; the links that stay are kept as they are
        (who assigned a task keeps that). Returns the ids it had before."""
        old = await self.ids(conn, owner_id)
        wanted = list(dict.fromkeys(target_ids))
        gone = set(old) - set(wanted)
        owner, target = self.table.c[self.owner], self.table.c[self.target]
        if gone:
            await conn.execute(delete(self.table).where(owner == owner_id, target.in_(gone)))
        new = [t for t in wanted if t not in old]
        if new:
            await conn.execute(
                insert(self.table),
                [{self.owner: owner_id, self.target: t, **(extra or {})} for t in new],
            )
        return old

    async def targets(
        self, ctx: Ctx, grant: str, targets: Table, owner_ids: Sequence[int], *order_by: Any
    ) -> list[list[Row]]:
        """Batch function body: each owner's live target rows, in key order."""
        require(ctx.principal, grant, "get")
        owner = self.table.c[self.owner]
        grouped: dict[int, list[Row]] = {i: [] for i in owner_ids}
        async with ctx.db.read() as conn:
            rows = await conn.execute(
                select(owner.label("_owner"), targets)
                .join(targets, targets.c.id == self.table.c[self.target])
                .where(owner.in_(set(owner_ids)), live(targets))
                .order_by(*(order_by or (targets.c.id,)))
            )
            for row in rows:
                values = dict(row._mapping)
                grouped[values.pop("_owner")].append(values)
        return [grouped[i] for i in owner_ids]
