"""How a priced document's figures follow from its items: one rule for every document.

Each line is qty x rate; its taxes are percentages of that amount. A percentage discount
"before_tax" reduces every taxable amount, "after_tax" is taken off subtotal plus tax; a
fixed discount is taken as given. Adjustment is added last. Cents round half up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")
HUNDRED = Decimal("100")


def money(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    qty: Decimal
    rate: Decimal
    tax_rate: Decimal = ZERO
    tax2_rate: Decimal = ZERO

    @property
    def amount(self) -> Decimal:
        return self.qty * self.rate

    @property
    def tax(self) -> Decimal:
        return self.amount * (self.tax_rate + self.tax2_rate) / HUNDRED


def line_amount(qty: Decimal, rate: Decimal) -> Decimal:
    """What a line shows: qty x rate, before taxes and discounts, to the cent."""
    return money(Line(qty, rate).amount)


@dataclass(frozen=True)
class Figures:
    subtotal: Decimal
    total_tax: Decimal
    discount_total: Decimal
    adjustment: Decimal
    total: Decimal


def compute(
    lines: Iterable[Line],
    *,
    discount_type: str = "",
    discount_percent: Decimal = ZERO,
    discount_fixed: Decimal = ZERO,
    adjustment: Decimal = ZERO,
) -> Figures:
    lines = list(lines)
    subtotal = sum((line.amount for line in lines), ZERO)
    tax = sum((line.tax for line in lines), ZERO)
    discount = ZERO
    if discount_type == "before_tax":
        discount = subtotal * discount_percent / HUNDRED if discount_percent else discount_fixed
        if subtotal:
            tax = tax * (subtotal - discount) / subtotal
    elif discount_type == "after_tax":
        discount = (
            (subtotal + tax) * discount_percent / HUNDRED if discount_percent else discount_fixed
        )
    subtotal, tax, discount, adjustment = (money(v) for v in (subtotal, tax, discount, adjustment))
    return Figures(
        subtotal=subtotal,
        total_tax=tax,
        discount_total=discount,
        adjustment=adjustment,
        total=money(subtotal + tax - discount + adjustment),
    )


# Invoice status codes, as Perfex numbers them.
UNPAID, PAID, PARTIALLY_PAID, OVERDUE, CANCELLED, DRAFT = 1, 2, 3, 4, 5, 6


def invoice_status(
    *,
    current: int,
    total: Decimal,
    paid: Decimal,
    credited: Decimal,
    due_date: date | None,
    today: date,
) -> int:
    """Where payments put an invoice: Unpaid -> Partially Paid -> Paid, and back."""
    if current in (CANCELLED, DRAFT):
        return current
    settled = paid + credited
    if total > ZERO and settled >= total:
        return PAID
    if settled > ZERO:
        return PARTIALLY_PAID
    if due_date is not None and due_date < today:
        return OVERDUE
    return UNPAID
