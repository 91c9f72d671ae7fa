"""The lines of every priced document (invoices, estimates, credit notes, proposals):
the input a client writes them with, and the figure each stored line shows.

`items` is always the whole list: a line with `id` keeps (and changes) that stored line,
one without is added, stored lines left out are removed. Amounts and totals are never
written: the service layer computes them from qty, rate and the taxes' rates.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import strawberry

from resolvers import totals
from schema.ids import decode_id
from schema.inputs import given
from schema.node import Node
from schema.optional import optional


@strawberry.input(description="A document line; only the fields given change a stored line.")
class LineItemInput:
    id: strawberry.ID | None = optional("The stored line to keep; left out, a new line.")
    item_id: strawberry.ID | None = optional(
        "A catalogue Item: it fills description, rate, unit and taxes left out."
    )
    description: str | None = strawberry.UNSET
    long_description: str | None = strawberry.UNSET
    qty: Decimal | None = optional("1 if left out.")
    rate: Decimal | None = strawberry.UNSET
    unit: str | None = strawberry.UNSET
    item_order: int | None = optional("Its position; the list's order when left out.")
    taxes: list[strawberry.ID] | None = optional(
        "At most two Tax ids; their current rates are copied onto the line."
    )


def lines_data(lines: list[LineItemInput], line_type: str) -> list[Any]:
    """The lines as the service layer reads them; `line_type` is the GraphQL type of the
    stored lines (InvoiceItem...), which `id` must name."""
    result: list[dict[str, Any]] = []
    for i, line in enumerate(lines):
        path = f"items.{i}"
        data = given(line)
        if data.get("id") is not None:
            data["id"] = decode_id(data["id"], line_type, f"{path}.id")
        if data.get("item_id") is not None:
            data["item_id"] = decode_id(data["item_id"], "Item", f"{path}.item_id")
        if data.get("taxes") is not None:
            # The service caps the list (resolvers.line_items.taxes).
            data["taxes"] = [
                decode_id(t, "Tax", f"{path}.taxes.{n}") for n, t in enumerate(data["taxes"])
            ]
        result.append(data)
    return result


def line_amount(row: Any) -> Decimal:
    return totals.line_amount(row["qty"], row["rate"])


@strawberry.interface(
    name="LineItem",
    description="A line of a priced document: InvoiceItem, EstimateItem, ProposalItem or "
    "CreditNoteItem. Each also names its document, its catalogue item and its taxes.",
)
class LineItem(Node):
    description: str
    long_description: str
    qty: Decimal
    rate: Decimal
    unit: str
    item_order: int
    tax_rate: Decimal = strawberry.field(description="The first tax's rate when it was set.")
    tax2_rate: Decimal = strawberry.field(description="The second tax's rate when it was set.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @strawberry.field(description="qty x rate, before taxes and discounts.")
    def amount(self) -> Decimal:
        return line_amount(self._row)  # type: ignore[attr-defined]
