"""What customers are billed: subscriptions, invoices, the credits and payments settling them."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from resolvers.demo_data.base import ANCHOR, LAST_DAY, TODAY, ZERO, Cust, Doc, Row, two_taxes
from resolvers.demo_data.documents import Documents
from resolvers.demo_data.words import PLANS
from resolvers.models import (
    CreditApplied,
    CreditNote,
    CreditNoteItem,
    CreditNoteRefund,
    Invoice,
    InvoiceItem,
    Payment,
    Subscription,
)
from resolvers.totals import CANCELLED, DRAFT, UNPAID, invoice_status, money


class Sales(Documents):
    async def seed_subscriptions(self) -> None:
        rng, rows, owners = self.rng, [], []
        for c in self.customers:
            if not self.chance(0.4):
                continue
            name, price = rng.choice(PLANS)
            day, status = (
                self.day(c.since),
                self.pick(("active", "past_due", "canceled"), (7, 1, 2)),
            )
            live = status != "canceled"
            (t1, _), (t2, _) = two_taxes(c)
            rows.append(
                {
                    "name": name,
                    "description": f"{name} for {c.company}",
                    "customer_id": c.id,
                    "date": day,
                    "currency_id": c.currency_id,
                    "tax_id": t1,
                    "tax2_id": t2,
                    "unit_price": Decimal(price),
                    "quantity": rng.randint(5, 25) if "seat" in name else 1,
                    "status": status,
                    "stripe_plan_id": f"price_{self.hex(24)}",
                    "stripe_subscription_id": f"sub_{self.hex(24)}",
                    "next_billing_cycle": ANCHOR + timedelta(days=rng.randint(1, 30))
                    if live
                    else None,
                    "ends_at": None if live else self.at(self.day(day)),
                    "date_subscribed": self.at(day),
                    "last_sent_at": self.at(self.day(day)),
                    "hash": self.hex(),
                    "created_by_id": rng.choice(self.staff),
                    **self.stamp(day),
                }
            )
            owners.append(c)
        ids = await self.put(Subscription, rows, ids=True)
        for c, id_, row in zip(owners, ids, rows, strict=True):
            c.plan = {**row, "id": id_} if row["status"] != "canceled" else None

    def invoice(self, c: Cust, plan: Row | None, modes: str) -> Doc:
        """A plan's invoice bills one month of it; any other sells a few catalogue lines."""
        rng = self.rng
        day = self.day(plan["date"] if plan else c.since)
        if plan:
            qty = Decimal(plan["quantity"])
            items = [self.line(plan["name"], "month", qty, plan["unit_price"], None, day)]
        else:
            items = self.lines(rng.randint(2, 4), day)
        status = DRAFT if self.chance(0.04) else CANCELLED if self.chance(0.03) else UNPAID
        row = {
            **self.numbered(c, day, "INV-", status != DRAFT),
            **self.figures(c, items, discounts=plan is None, taxed=True if plan else None),
            "project_id": self.project_of(c, 0.3),
            "subscription_id": plan["id"] if plan else None,
            "due_date": day + timedelta(days=rng.choice((15, 30, 30, 45))),
            "status": status,
            "sale_agent_id": rng.choice(self.team),
            "allowed_payment_modes": modes,
        }
        return Doc(day, row, items)

    async def seed_invoices(self) -> None:
        modes = ",".join(str(m) for m in self.payment_modes.values())
        for c in self.customers:
            c.invoices += [
                self.invoice(c, c.plan if k == 0 else None, modes)
                for k in range(self.rng.randint(3, 7))
            ]
        docs = [d for c in self.customers for d in c.invoices]
        # Credits come first: what a credit note settles, payments no longer have to.
        applied: list[tuple[Doc, Doc, Row]] = []
        refunds: list[tuple[Doc, Row]] = []
        notes = [self.credit_note(c, applied, refunds) for c in self.customers if self.chance(0.25)]
        payments = [(d, p) for d in docs for p in self.payments(d)]
        await self.insert_docs(Invoice, InvoiceItem, "invoice_id", docs)
        pay_ids = await self.put(
            Payment, [{**p, "invoice_id": d.id} for d, p in payments], ids=True
        )
        self.ledger += [
            self.entry(
                "income",
                p["amount"],
                p["date"],
                f"Payment for INV-{d.row['number']:06d}",
                mode_id=p["payment_mode_id"],
                payment_id=id_,
            )
            for (d, p), id_ in zip(payments, pay_ids, strict=True)
        ]
        await self.insert_docs(CreditNote, CreditNoteItem, "credit_note_id", notes)
        await self.put(CreditNoteRefund, [{**r, "credit_note_id": n.id} for n, r in refunds])
        await self.put(
            CreditApplied,
            [{**r, "credit_note_id": n.id, "invoice_id": i.id} for n, i, r in applied],
        )

    def credit_note(
        self, c: Cust, applied: list[tuple[Doc, Doc, Row]], refunds: list[tuple[Doc, Row]]
    ) -> Doc:
        rng = self.rng
        open_ = [d for d in c.invoices if d.row["status"] == UNPAID]
        target = rng.choice(open_) if open_ else None
        day = self.day(target.day if target else c.since)
        items = self.lines(rng.randint(1, 2), day, few=True)
        row = {
            **self.numbered(c, day, "CN-", True),
            **self.figures(c, items, discounts=False),
            "reference_no": f"RMA-{rng.randint(1000, 9999)}",
        }
        note, left = Doc(day, row, items), row["total"]
        if target is not None and self.chance(0.7):
            amount = min(left, target.row["total"] - target.credited)
            target.credited += amount
            left -= amount
            applied.append(
                (
                    note,
                    target,
                    {
                        "amount": amount,
                        "date": day,
                        "staff_id": rng.choice(self.accountants),
                        **self.stamp(day),
                    },
                )
            )
        if left > 0 and self.chance(0.4):
            amount = left if self.chance(0.5) else money(left / 2)
            left -= amount
            when = self.within(day, 14)
            refunds.append(
                (
                    note,
                    {
                        "amount": amount,
                        "refunded_on": when,
                        "note": "Bank transfer",
                        "payment_mode_id": self.payment_modes["Bank"],
                        "staff_id": rng.choice(self.accountants),
                        **self.stamp(when),
                    },
                )
            )
        row.update(remaining_amount=left, status=1 if left > 0 else 2)  # 1 open, 2 closed
        return note

    def payments(self, doc: Doc) -> list[Row]:
        """Settle what the credits left: older invoices are mostly paid, recent ones less."""
        rng, row = self.rng, doc.row
        total, credited = row["total"], doc.credited
        due, amounts = total - credited, []
        if row["status"] == UNPAID and due > 0:
            full, part = (0.82, 0.92) if (TODAY - doc.day).days > 45 else (0.35, 0.55)
            roll = rng.random()
            if roll < full:
                first = money(due * rng.randint(30, 70) / 100) if self.chance(0.25) else due
                amounts = [first, due - first]
            elif roll < part:
                amounts = [money(due * rng.randint(20, 80) / 100)]
        rows, day = [], doc.day
        for amount in (a for a in amounts if a > 0):
            day = self.day(day, min(LAST_DAY, doc.day + timedelta(days=60)))
            mode = rng.choice(list(self.payment_modes))
            rows.append(
                {
                    "amount": amount,
                    "payment_mode_id": self.payment_modes[mode],
                    "date": day,
                    "transaction_id": "" if mode in ("Bank", "Cash") else f"txn_{self.hex(16)}",
                    "recorded_by_id": rng.choice(self.accountants),
                    **self.stamp(day),
                }
            )
        paid = sum((r["amount"] for r in rows), ZERO)
        row.update(
            amount_paid=paid,
            credits_applied=credited,
            amount_due=total - paid - credited,
            status=invoice_status(
                current=row["status"],
                total=total,
                paid=paid,
                credited=credited,
                due_date=row["due_date"],
                today=TODAY,
            ),
        )
        return rows
