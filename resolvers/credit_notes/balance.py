"""What is left of a credit note after refunds and credits applied, and its status."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Row
from resolvers.core.records import live, must_fetch, update_row
from resolvers.models import CreditApplied, CreditNote, CreditNoteRefund, table_of
from resolvers.totals import ZERO

credit_notes = table_of(CreditNote)
# Perfex's codes.
OPEN, CLOSED, VOID = 1, 2, 3


async def _sum(conn: AsyncConnection, table: Table, credit_note_id: int) -> Decimal:
    total = await conn.scalar(
        select(func.sum(table.c.amount)).where(
            table.c.credit_note_id == credit_note_id, live(table)
        )
    )
    return Decimal(total) if total is not None else ZERO


async def used(conn: AsyncConnection, credit_note_id: int) -> Decimal:
    """Refunded plus applied to invoices."""
    return await _sum(conn, table_of(CreditNoteRefund), credit_note_id) + await _sum(
        conn, table_of(CreditApplied), credit_note_id
    )


async def rebalance(conn: AsyncConnection, credit_note_id: int) -> Row:
    """Recompute remaining_amount; an open note with nothing left closes, and reopens when
    something is given back. A void note stays void."""
    before = await must_fetch(conn, credit_notes, credit_note_id, "Credit Note")
    remaining = before["total"] - await used(conn, credit_note_id)
    status = before["status"]
    if status != VOID:
        status = CLOSED if remaining <= ZERO else OPEN
    values = {"remaining_amount": remaining, "status": status}
    changed = {k: v for k, v in values.items() if before[k] != v}
    return await update_row(conn, credit_notes, credit_note_id, changed) if changed else before
