"""A priced document's status verbs (send, accept, decline, cancel...): one transaction
that reads the document, lets the verb decide what changes, writes it and records the
event with the status change."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.records import must_fetch, update_row
from resolvers.core.validation import parse
from resolvers.line_items.documents import customer_parent
from resolvers.line_items.inputs import AcceptanceFields
from resolvers.line_items.store import Kind
from resolvers.models.types import utcnow

# The current row -> the values to write, or None to change nothing.
Decide = Callable[[Row], dict[str, Any] | None]


async def transition(
    ctx: Ctx,
    kind: Kind,
    record_id: int,
    verb: str,
    decide: Decide,
    *,
    note: Mapping[str, Any] | None = None,
    parent: Callable[[Row], tuple[str, int]] = customer_parent,
    after: Callable[[AsyncConnection, Row], Awaitable[Row]] | None = None,
) -> Row:
    """Apply what `decide` makes of the current row; None changes nothing (a repeated
    accept or decline is answered with the document as it is). `after` follows the write
    (an invoice is settled) before the `<document>.<verb>` event, which `note` joins."""
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, kind.table, record_id, kind.label)
        values = decide(before)
        if values is None:
            return before
        row = await update_row(conn, kind.table, record_id, values)
        if after is not None:
            row = await after(conn, row)
        status = {"status": [before["status"], row["status"]]} if "status" in values else {}
        await events.record(conn, ctx, f"{kind.singular}.{verb}", record_id,
                            {**status, **(note or {})}, parent=parent(row))  # fmt: skip
    return row


async def accept(
    ctx: Ctx,
    kind: Kind,
    record_id: int,
    data: Mapping[str, Any] | None,
    *,
    accepted: int,
    refuse: Callable[[Row], None],
    parent: Callable[[Row], tuple[str, int]] = customer_parent,
) -> Row:
    """Accepted (the `accepted` status), with who accepted when `data` says
    (AcceptanceFields); once accepted it is answered as it is, else `refuse` raises what
    forbids it now (an expiry past)."""
    fields = parse(AcceptanceFields, data or {})

    def decide(row: Row) -> dict[str, Any] | None:
        if row["status"] == accepted:
            return None
        refuse(row)
        return {**fields.model_dump(exclude_none=True), "status": accepted,
                "accepted_at": utcnow()}  # fmt: skip

    return await transition(ctx, kind, record_id, "accepted", decide, parent=parent)
