"""Purge is explicit: only soft-deleted rows older than the cutoff go, with their owned
children; a row another record still references stays."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from resolvers import customers, invoices
from resolvers.core.context import Ctx
from resolvers.models.types import utcnow
from resolvers.purge import purge


async def backdate(ctx: Ctx, customer_id: int, days: int) -> None:
    async with ctx.db.write() as conn:
        await conn.execute(
            update(customers.customers)
            .where(customers.customers.c.id == customer_id)
            .values(deleted_at=utcnow() - timedelta(days=days))
        )


async def test_purge_removes_old_deleted_rows_and_keeps_referenced_and_recent_ones(
    ctx: Ctx,
) -> None:
    old = await customers.create_customer(ctx, {"company": "Old"})
    billed = await customers.create_customer(ctx, {"company": "Billed"})
    recent = await customers.create_customer(ctx, {"company": "Recent"})
    live = await customers.create_customer(ctx, {"company": "Live"})
    await invoices.create_invoice(
        ctx, {"customer_id": billed["id"], "items": [{"description": "W", "qty": 1, "rate": 1}]}
    )
    for row in (old, billed, recent):
        await customers.delete_customer(ctx, row["id"])
    await backdate(ctx, old["id"], 40)
    await backdate(ctx, billed["id"], 40)

    [result] = await purge(Ctx(db=ctx.db), older_than=timedelta(days=30), resource="customers")

    assert (result.removed, result.kept) == (1, 1)
    async with ctx.db.read() as conn:
        from resolvers.core.records import fetch

        assert await fetch(conn, customers.customers, old["id"], deleted=True) is None
        for kept in (billed, recent, live):
            assert await fetch(conn, customers.customers, kept["id"], deleted=True) is not None
