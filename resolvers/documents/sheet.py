"""What a printed document shows, as plain data: the renderer only lays it out.

Every figure is a Decimal from the stored rows, written here with the currency's
separators; nothing is ever a float.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from resolvers.core.context import Row
from resolvers.totals import HUNDRED, ZERO, line_amount, money


@dataclass(frozen=True)
class Party:
    heading: str
    name: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    description: str
    long_description: str
    qty: str
    rate: str
    taxes: str
    amount: str


@dataclass(frozen=True)
class Sheet:
    title: str  # "Invoice"
    number: str  # "INV-000123"
    dates: tuple[tuple[str, str], ...]
    seller: Party
    buyer: Party
    currency: str  # the ISO code, "USD"
    ship_to: Party | None = None
    subject: str = ""
    lines: tuple[Line, ...] = ()
    # (label, figure as written); the last rows (total, amount due) are emphasised.
    totals: tuple[tuple[str, str], ...] = ()
    emphasised: frozenset[str] = frozenset()
    # Free text under the figures: client note, terms, a contract's content.
    notes: tuple[tuple[str, str], ...] = ()

    @property
    def filename(self) -> str:
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in self.number)
        return f"{safe or self.title.lower()}.pdf"


@dataclass(frozen=True)
class Money:
    """How one currency writes amounts: its code and separators."""

    code: str
    decimal: str = "."
    thousands: str = ","

    def __call__(self, value: Decimal) -> str:
        text = f"{money(value):,.2f}"  # Decimal formats exactly, without float
        swap: dict[str, str | int | None] = {",": self.thousands, ".": self.decimal}
        return text.translate(str.maketrans(swap))

    def with_code(self, value: Decimal) -> str:
        return f"{self.code} {self(value)}".strip()


def plain(value: Decimal) -> str:
    """A quantity or a rate without trailing zeros: 2, 1.5, 7.25."""
    return format(value.normalize(), "f")


def tax_label(name: str, rate: Decimal) -> str:
    return f"{name} {plain(rate)}%"


def lines_of(items: Sequence[Row], fmt: Money, tax_names: dict[int, str]) -> tuple[Line, ...]:
    def taxes(item: Row) -> str:
        return ", ".join(
            tax_label(tax_names.get(item[slot], "Tax"), item[rate])
            for slot, rate in (("tax_id", "tax_rate"), ("tax2_id", "tax2_rate"))
            if item[slot] is not None or item[rate] != ZERO
        )

    return tuple(
        Line(
            description=item["description"],
            long_description=item["long_description"] or "",
            qty=f"{plain(item['qty'])} {item['unit'] or ''}".strip(),
            rate=fmt(item["rate"]),
            taxes=taxes(item),
            amount=fmt(line_amount(item["qty"], item["rate"])),
        )
        for item in items
    )


def tax_breakdown(
    items: Iterable[Row], document: Row, tax_names: dict[int, str]
) -> list[tuple[str, Decimal]]:
    """Each tax's share of the stored total_tax, as resolvers.totals works it out: a
    percentage of each line, all of them reduced alike by a discount taken before tax.
    Cents left over by rounding go to the last tax, so the rows add up to total_tax."""
    shares: dict[str, Decimal] = {}
    subtotal = ZERO
    for item in items:
        amount = item["qty"] * item["rate"]
        subtotal += amount
        for slot, rate in (("tax_id", "tax_rate"), ("tax2_id", "tax2_rate")):
            if item[rate] != ZERO:
                label = tax_label(tax_names.get(item[slot], "Tax"), item[rate])
                shares[label] = shares.get(label, ZERO) + amount * item[rate] / HUNDRED
    discount = document["discount_total"]
    if document["discount_type"] == "before_tax" and subtotal and discount:
        shares = {k: v * (subtotal - discount) / subtotal for k, v in shares.items()}
    rows = [(label, money(value)) for label, value in shares.items()]
    if rows:
        rest = document["total_tax"] - sum((v for _, v in rows), ZERO)
        rows[-1] = (rows[-1][0], rows[-1][1] + rest)
    return rows


def figures(
    document: Row, items: Sequence[Row], fmt: Money, tax_names: dict[int, str]
) -> list[tuple[str, str]]:
    """Sub total, discount, each tax, adjustment and total of a priced document."""
    rows = [("Sub total", fmt(document["subtotal"]))]
    if document["discount_total"] != ZERO:
        percent = document["discount_percent"]
        label = f"Discount ({plain(percent)}%)" if percent else "Discount"
        rows.append((label, f"-{fmt(document['discount_total'])}"))
    rows += [(label, fmt(value)) for label, value in tax_breakdown(items, document, tax_names)]
    if document["adjustment"] != ZERO:
        rows.append(("Adjustment", fmt(document["adjustment"])))
    rows.append(("Total", fmt.with_code(document["total"])))
    return rows
