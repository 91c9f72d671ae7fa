"""A document's figures from its stored lines, its discount and its adjustment.

The client never sets subtotal, total_tax, discount_total or total: they follow from the
rows through `resolvers.totals`, so every transport shows the same amounts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from resolvers.core.context import Row
from resolvers.core.errors import Invalid
from resolvers.line_items.inputs import PricedFields
from resolvers.totals import CENT, ZERO, Line, compute

# The figure columns hold 15 digits, two of them cents.
MAX_FIGURE = Decimal(10) ** 13


@dataclass(frozen=True)
class Discount:
    type: str = ""
    percent: Decimal = ZERO
    # A fixed amount, used when percent is 0.
    fixed: Decimal = ZERO
    adjustment: Decimal = ZERO


def discount_of(fields: PricedFields, before: Row | None = None) -> Discount:
    """The discount after an update: given values win, the stored ones stay otherwise.

    A stored fixed discount is the stored discount_total of a document without a
    percentage (the model keeps no separate column for it)."""
    given = {k: v for k, v in fields.model_dump(exclude_unset=True).items() if v is not None}

    def pick(name: str, default: Any) -> Any:
        if name in given:
            return given[name]
        return before[name] if before is not None else default

    percent = Decimal(pick("discount_percent", ZERO))
    if "discount_total" in given:
        fixed = Decimal(given["discount_total"])
    elif before is not None and not before["discount_percent"]:
        fixed = Decimal(before["discount_total"])
    else:
        fixed = ZERO
    discount = Discount(
        type=str(pick("discount_type", "")),
        percent=percent,
        fixed=ZERO if percent else fixed,
        adjustment=Decimal(pick("adjustment", ZERO)),
    )
    # A discount the client sends needs a type; clearing the type alone drops the discount.
    if not discount.type and (given.get("discount_percent") or given.get("discount_total")):
        raise Invalid.field("discount_type", "choose before_tax or after_tax for a discount")
    return discount


def figures(lines: Sequence[Row], discount: Discount) -> dict[str, Any]:
    """The figure columns for a document with these stored lines."""
    parts = [Line(r["qty"], r["rate"], r["tax_rate"], r["tax2_rate"]) for r in lines]
    if discount.type and discount.fixed:
        plain = compute(parts)
        base = plain.subtotal if discount.type == "before_tax" else plain.subtotal + plain.total_tax
        if discount.fixed > base:
            raise Invalid.field("discount_total", f"is more than the {base} it is taken from")
    result = compute(
        parts,
        discount_type=discount.type,
        discount_percent=discount.percent,
        discount_fixed=discount.fixed,
        adjustment=discount.adjustment,
    )
    if result.total < 0:
        raise Invalid.field("adjustment", f"would make the total negative ({result.total})")
    if max(result.subtotal + result.total_tax, result.total) >= MAX_FIGURE:
        raise Invalid.field("items", f"the figures come to more than {MAX_FIGURE - CENT}")
    return {
        "subtotal": result.subtotal,
        "total_tax": result.total_tax,
        "discount_type": discount.type,
        "discount_percent": discount.percent,
        "discount_total": result.discount_total,
        "adjustment": result.adjustment,
        "total": result.total,
    }
