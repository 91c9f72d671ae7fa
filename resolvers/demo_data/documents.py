"""Priced documents: the item catalogue, the lines drawn from it and the figures they add up to.

Invoices, credit notes, estimates and proposals are planned in memory as `Doc`s, so their
figures follow `resolvers.totals` before a row is written.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import SQLModel

from resolvers.demo_data.base import FIRST_DAY, ZERO, Cust, Doc, Row, SeederBase, two_taxes
from resolvers.demo_data.words import CATALOGUE, QTY, TERMS
from resolvers.models import Item
from resolvers.totals import Line, compute

# The figures an invoiced estimate copies from its invoice.
TOTALS = (
    "currency_id subtotal discount_type discount_percent discount_total total_tax adjustment total"
).split()


class Documents(SeederBase):
    async def seed_items(self) -> None:
        rows = [
            {
                "description": d,
                "long_description": f"{g}: {d.lower()}",
                "rate": Decimal(r),
                "unit": u,
                "group_id": self.item_groups[g],
                "type": "product" if g == "Hardware" else "service",
                **self.stamp(FIRST_DAY),
            }
            for g, d, u, r in CATALOGUE
        ]
        ids = await self.put(Item, rows, ids=True)
        self.catalogue = [
            (i, r["description"], r["unit"], r["rate"]) for i, r in zip(ids, rows, strict=True)
        ]

    def line(
        self, desc: str, unit: str, qty: Decimal, rate: Decimal, item: int | None, day: date
    ) -> Row:
        return {
            "description": desc,
            "qty": qty,
            "rate": rate,
            "unit": unit,
            "item_order": 0,
            "item_id": item,
            "tax_id": None,
            "tax_rate": ZERO,
            "tax2_id": None,
            "tax2_rate": ZERO,
            **self.stamp(day),
        }

    def lines(self, k: int, day: date, *, few: bool = False) -> list[Row]:
        rows = []
        for item_id, desc, unit, rate in self.rng.sample(self.catalogue, k):
            lo, hi = QTY[unit]
            qty = Decimal(self.rng.randint(lo, lo + 1 if few else hi))
            if unit == "hour" and self.chance(0.3):
                qty += Decimal("0.5")
            rows.append(self.line(desc, unit, qty, rate, item_id, day))
        return rows

    def figures(
        self, c: Cust, items: list[Row], *, discounts: bool = True, taxed: bool | None = None
    ) -> Row:
        (t1, r1), (t2, r2) = two_taxes(
            c if (self.chance(0.85) if taxed is None else taxed) else None
        )
        for order, item in enumerate(items, 1):
            item.update(item_order=order, tax_id=t1, tax_rate=r1, tax2_id=t2, tax2_rate=r2)
        lines = [Line(i["qty"], i["rate"], i["tax_rate"], i["tax2_rate"]) for i in items]
        kind, pct, fixed, roll = "", ZERO, ZERO, self.rng.random()
        if discounts and roll < 0.15:
            kind, pct = "before_tax", Decimal(self.rng.choice((5, 10, 15)))
        elif discounts and roll < 0.2 and sum(line.amount for line in lines) > 500:
            kind, fixed = "after_tax", Decimal(self.rng.choice((10, 25, 50)))
        # Perfex users mostly adjust to round a total off.
        adjust = Decimal(self.rng.choice(("-0.50", "0.50"))) if self.chance(0.05) else ZERO
        f = compute(
            lines, discount_type=kind, discount_percent=pct, discount_fixed=fixed, adjustment=adjust
        )
        return {
            "currency_id": c.currency_id,
            "subtotal": f.subtotal,
            "discount_type": kind,
            "discount_percent": pct,
            "discount_total": f.discount_total,
            "total_tax": f.total_tax,
            "adjustment": f.adjustment,
            "total": f.total,
        }

    def numbered(self, c: Cust, day: date, prefix: str, sent: bool) -> Row:
        return {
            "customer_id": c.id,
            "prefix": prefix,
            "date": day,
            "terms": TERMS[prefix],
            "sent": sent,
            "sent_at": self.at(day) if sent else None,
            "hash": self.hex(),
            "added_by_id": self.rng.choice(self.staff),
            **c.address,
            "include_shipping": self.chance(0.2),
            **self.stamp(day),
        }

    def acceptance(self, c: Cust, day: date, accepted: bool) -> Row:
        first, last, email = c.people[0] if accepted else (None, None, None)
        return {
            "acceptance_firstname": first,
            "acceptance_lastname": last,
            "acceptance_email": email,
            "accepted_at": self.at(day) if accepted else None,
            "acceptance_ip": f"203.0.113.{self.rng.randint(1, 254)}" if accepted else None,
        }

    async def insert_docs(
        self,
        model: type[SQLModel],
        item: type[SQLModel],
        key: str,
        docs: list[Doc],
        *,
        numbered: bool = True,
    ) -> None:
        """Numbers follow the document date and ids follow the numbers; then the lines."""
        if numbered:
            docs.sort(key=lambda d: d.day)
            for number, d in enumerate(docs, 1):
                d.row["number"] = number
        for d, id_ in zip(
            docs, await self.put(model, [d.row for d in docs], ids=True), strict=True
        ):
            d.id = id_
        await self.put(item, [{**line, key: d.id} for d in docs for line in d.items])
