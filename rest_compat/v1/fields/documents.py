"""What v1 shows of every priced document (invoices, estimates, credit notes,
proposals): its columns, its formatted number and its lines."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from resolvers.core.context import Ctx, Row
from resolvers.numbering import formatted_number
from rest_compat.reply_schemas import STRING, Schema, array, describe
from rest_compat.v1.fields.base import READ_ONLY, Shape

Batch = Callable[[Ctx, Sequence[int]], Awaitable[list[list[Row]]]]

# Codes the input takes by name ("currency": "USD"), shown as the ids they resolve to.
DOCUMENT_NAMES = {
    "currency_id": "currency",
    "billing_country_id": "billing_country",
    "shipping_country_id": "shipping_country",
}
# Shown by a read, worked out by the service: a client may echo them, they are not stored.
DOCUMENT_READ_ONLY = READ_ONLY | {
    "formatted_number", "sent", "sent_at", "added_by_id", "amount_paid", "amount_due",
    "credits_applied", "remaining_amount", "invoice_id", "invoiced_at", "accepted_at",
    "total_cycles",
}  # fmt: skip
LINE = Shape()


def priced(
    resource: str,
    shape: Shape,
    lines: Batch,
    line_table: str,
    shown_too: Mapping[str, Schema] | None = None,
) -> Callable[[Ctx, Row], Awaitable[dict[str, Any]]]:
    """The document's shape with its number as shown and its lines (rows of
    `line_table`), loaded in batches; `shown_too`: fields a caller adds to it."""

    async def show(ctx: Ctx, row: Row) -> dict[str, Any]:
        items: list[Row] = await ctx.loader(lines).load(row["id"])
        return {
            **shape(row),
            "formatted_number": formatted_number(resource, row),
            "items": [LINE(line) for line in items],
        }

    line = Shape(table=line_table).reply_schema()
    added = {"formatted_number": STRING, "items": array(line), **(shown_too or {})}
    return describe(show, shape.reply_schema(added))
