"""After the sale: the contracts customers sign and the support tickets they raise."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from resolvers.demo_data.base import LAST_DAY, Row
from resolvers.demo_data.documents import Documents
from resolvers.demo_data.words import CHAT, CONTRACTS, SUPPORT, TICKETS
from resolvers.models import Contract, ContractComment, ContractRenewal, Ticket, TicketReply
from resolvers.totals import money


class Service(Documents):
    async def seed_contracts(self) -> None:
        rng, rows, renewals = self.rng, [], []
        for c in self.customers:
            for _ in range(rng.choice((0, 1, 1, 1, 1, 1, 1, 1, 1, 2))):
                subject, first = rng.choice(list(CONTRACTS)), self.day(c.since)
                start, end = first, first + timedelta(days=rng.choice((180, 365)))
                value, renewal = Decimal(rng.randint(12, 360) * 100), None
                if end < LAST_DAY and self.chance(0.6):  # lapsed: most get renewed at +5%
                    new_start, new_value = end + timedelta(days=1), money(value * Decimal("1.05"))
                    new_end = new_start + (end - start)
                    renewal = {
                        "old_start_date": start,
                        "new_start_date": new_start,
                        "old_end_date": end,
                        "new_end_date": new_end,
                        "old_value": value,
                        "new_value": new_value,
                        "renewed_by_id": rng.choice(self.team),
                        **self.stamp(end),
                    }
                    start, end, value = new_start, new_end, new_value
                signed = self.chance(0.7)
                renewals.append(renewal)
                rows.append(
                    {
                        "subject": subject,
                        "description": f"{subject} with {c.company}",
                        "content": f"<p>This agreement is made between us and {c.company}.</p>",
                        "customer_id": c.id,
                        "contract_type_id": self.contract_types[CONTRACTS[subject]],
                        "project_id": self.project_of(c, 0.3),
                        "start_date": start,
                        "end_date": end,
                        "contract_value": value,
                        "currency_id": c.currency_id,
                        "signed": signed,
                        "signed_at": self.at(start) if signed else None,
                        "sent": True,
                        "sent_at": self.at(first),
                        "hash": self.hex(),
                        "added_by_id": rng.choice(self.team),
                        **self.acceptance(c, start, signed),
                        **self.stamp(first),
                    }
                )
        ids = await self.put(Contract, rows, ids=True)
        await self.put(
            ContractRenewal,
            [
                {**r, "contract_id": id_}
                for id_, r in zip(ids, renewals, strict=True)
                if r is not None
            ],
        )
        await self.put(
            ContractComment,
            [
                {
                    "contract_id": id_,
                    "content": rng.choice(CHAT),
                    "staff_id": row["added_by_id"],
                    **self.stamp(self.day(row["start_date"])),
                }
                for id_, row in zip(ids, rows, strict=True)
                for _ in range(rng.randint(0, 2))
            ],
        )

    async def seed_tickets(self) -> None:
        rng, rows, threads = self.rng, [], []
        for c in self.customers:
            for _ in range(rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4))):
                who, day, agent = (
                    rng.randrange(len(c.contacts)),
                    self.day(c.since),
                    rng.choice(self.team),
                )
                status = self.pick(
                    ("Open", "In progress", "Answered", "On Hold", "Closed"), (2, 1, 2, 1, 4)
                )
                replies: list[Row] = []
                when = day
                for k in range(0 if status == "Open" else rng.randint(1, 4)):
                    when = self.within(when, 3)
                    staff = k % 2 == 0  # support answers first, then the customer
                    replies.append(
                        {
                            "message": rng.choice(SUPPORT if staff else CHAT),
                            "staff_id": agent if staff else None,
                            "contact_id": None if staff else c.contacts[who],
                            **self.stamp(when),
                        }
                    )
                subject = rng.choice(TICKETS)
                rows.append(
                    {
                        "subject": subject,
                        "customer_id": c.id,
                        "contact_id": c.contacts[who],
                        "message": f"Hello, {subject.lower()} since this morning. Can you help?\n"
                        f"{c.people[who][0]}",
                        "priority_id": rng.choice(list(self.ticket_priorities.values())),
                        "department_id": self.departments[rng.choice(("Support", "Billing"))],
                        "status_id": self.ticket_statuses[status],
                        "service_id": rng.choice(list(self.ticket_services.values())),
                        "assigned_id": agent,
                        "project_id": self.project_of(c, 0.2),
                        "ticket_key": self.hex(),
                        "last_reply_at": replies[-1]["created_at"] if replies else None,
                        "client_read": True,
                        "admin_read": status != "Open",
                        **self.stamp(day),
                    }
                )
                threads.append(replies)
        self.tickets = await self.put(Ticket, rows, ids=True)
        await self.put(
            TicketReply,
            [
                {**r, "ticket_id": t}
                for t, rs in zip(self.tickets, threads, strict=True)
                for r in rs
            ],
        )
