"""What customers and leads are offered: estimates and proposals."""

from __future__ import annotations

from datetime import timedelta

from resolvers.demo_data.base import TODAY, Cust, Doc
from resolvers.demo_data.documents import TOTALS, Documents
from resolvers.demo_data.words import CHAT, PROJECTS
from resolvers.models import Estimate, EstimateItem, Proposal, ProposalComment, ProposalItem
from resolvers.totals import CANCELLED, DRAFT


class Quotes(Documents):
    async def seed_estimates(self) -> None:
        rng, docs = self.rng, []
        for c in self.customers:
            issued = [d for d in c.invoices if d.row["status"] not in (DRAFT, CANCELLED)]
            for _ in range(rng.randint(1, 2)):
                # 1 draft, 2 sent, 3 declined, 4 accepted (5 expired, below)
                status = self.pick((1, 2, 3, 4), (1, 3, 2, 4))
                inv = rng.choice(issued) if status == 4 and issued and self.chance(0.7) else None
                if inv is not None:  # accepted and invoiced: the invoice carries its lines
                    issued.remove(inv)
                    day = max(c.since, inv.day - timedelta(days=rng.randint(3, 20)))
                    items = [{**line, **self.stamp(day)} for line in inv.items]
                    figures = {k: inv.row[k] for k in TOTALS}
                else:
                    day = self.day(c.since)
                    items = self.lines(rng.randint(2, 4), day)
                    figures = self.figures(c, items)
                expiry = day + timedelta(days=30)
                status = 5 if status == 2 and expiry < TODAY else status  # 5 expired
                docs.append(
                    Doc(
                        day,
                        {
                            **self.numbered(c, day, "EST-", status != 1),
                            **figures,
                            **self.acceptance(c, day, status == 4),
                            "expiry_date": expiry,
                            "status": status,
                            "invoice_id": inv.id if inv else None,
                            "invoiced_at": self.at(inv.day) if inv else None,
                            "reference_no": f"RFQ-{rng.randint(1000, 9999)}",
                            "sale_agent_id": rng.choice(self.team),
                        },
                        items,
                    )
                )
        await self.insert_docs(Estimate, EstimateItem, "estimate_id", docs)

    def proposal(self, c: Cust, lead_id: int | None) -> Doc:
        rng = self.rng
        day, a = self.day(c.since), c.address
        items = self.lines(rng.randint(2, 3), day)
        status = self.pick((1, 2, 3, 4, 5, 6), (2, 2, 3, 3, 1, 1))  # 3 accepted, 6 draft
        first, _, email = c.people[0]
        subject = f"{rng.choice(PROJECTS)} proposal"
        return Doc(
            day,
            {
                "subject": subject,
                "content": f"<p>Dear {first}, please find our {subject}.</p>",
                "rel_type": "lead" if lead_id else "customer",
                "customer_id": c.id or None,
                "lead_id": lead_id,
                "proposal_to": c.company,
                "email": email,
                **self.postal(a),
                "date": day,
                "open_till": day + timedelta(days=rng.choice((14, 30))),
                "status": status,
                "assigned_id": rng.choice(self.team),
                "sent_at": None if status == 6 else self.at(day),
                "hash": self.hex(),
                "added_by_id": rng.choice(self.staff),
                **self.figures(c, items),
                **self.acceptance(c, day, status == 3),
                **self.stamp(day),
            },
            items,
        )

    async def seed_proposals(self) -> None:
        rng = self.rng
        docs = [
            self.proposal(c, None) for c in self.customers for _ in range(rng.choice((0, 1, 1, 2)))
        ]
        docs += [self.proposal(c, lead_id) for lead_id, c in self.pitched]
        await self.insert_docs(Proposal, ProposalItem, "proposal_id", docs, numbered=False)
        await self.put(
            ProposalComment,
            [
                {
                    "proposal_id": d.id,
                    "content": rng.choice(CHAT),
                    "staff_id": rng.choice(self.team),
                    **self.stamp(self.day(d.day)),
                }
                for d in docs
                for _ in range(rng.randint(0, 2))
            ],
        )
