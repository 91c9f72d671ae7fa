"""People: the staff, the customers and their contacts, and the leads still to win."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from resolvers.core.identity import hash_password
from resolvers.demo_data.base import FIRST_DAY, LAST_DAY, TODAY, Cust, Row, SeederBase, slug
from resolvers.demo_data.words import (
    BRANDS,
    FIRST,
    LAST,
    MARKET_WEIGHTS,
    MARKETS,
    NOTES,
    STREETS,
    TITLES,
    TRADES,
    Market,
)
from resolvers.models import Contact, Customer, CustomerGroupMember, Lead, Staff, StaffDepartment


class People(SeederBase):
    def phone(self, m: Market) -> str:
        r = self.rng.randint
        return f"+{m.calling} {r(20, 99)} {r(100, 999)} {r(1000, 9999)}"

    def person(self, domain: str) -> tuple[str, str, str]:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        return first, last, f"{slug(first)}.{slug(last)}@{domain}"

    def company(self, used: set[str]) -> tuple[str, str, Market]:
        m = self.pick(MARKETS, MARKET_WEIGHTS)
        for _ in range(20):  # a few retries keep names distinct until the lists run dry
            brand, trade = self.rng.choice(BRANDS), self.rng.choice(TRADES)
            suffix = "" if self.chance(0.3) else " " + self.rng.choice(m.suffixes)
            name = f"{brand} {trade}{suffix}"
            if name not in used:
                break
        used.add(name)
        return name, slug(brand + trade) + m.tld, m

    def place(self, m: Market) -> Row:
        city, state, pattern = self.rng.choice(m.cities)
        zip_ = "".join(str(self.rng.randint(0, 9)) if ch == "#" else ch for ch in pattern)
        street = f"{self.rng.randint(1, 240)} {self.rng.choice(STREETS)}"
        return {"street": street, "city": city, "state": state, "zip": zip_}

    def address(self, m: Market) -> Row:
        bill = self.place(m)
        ship = bill if self.chance(0.7) else self.place(m)
        country = self.countries[m.iso2]
        return {
            **{f"billing_{k}": v for k, v in bill.items()},
            **{f"shipping_{k}": v for k, v in ship.items()},
            "billing_country_id": country,
            "shipping_country_id": country,
        }

    def cust(self, name: str, domain: str, m: Market, since: date, address: Row) -> Cust:
        taxes = [self.taxes[t] for t in m.taxes]
        return Cust(name, domain, m, since, self.currencies[m.currency], taxes, address)

    async def seed_staff(self) -> None:
        rng = self.rng
        password = hash_password("admin")  # argon2 is slow on purpose: hash once, share it
        people = [("Admin", "User"), *rng.sample([(f, s) for f in FIRST for s in LAST], 9)]
        rows = []
        for i, (first, last) in enumerate(people):
            role = "Administrator" if i == 0 else "Accountant" if i > 6 else "Employee"
            email = f"{slug(first)}.{slug(last)}@example.com" if i else "admin@example.com"
            rows.append(
                {
                    "email": email,
                    "firstname": first,
                    "lastname": last,
                    "phone": self.phone(MARKETS[0]),
                    "password_hash": password,
                    "role_id": self.roles[role],
                    "is_admin": i == 0,
                    "hourly_rate": Decimal(rng.choice((45, 60, 75, 90))),
                    "last_login_at": self.at(self.day(TODAY - timedelta(days=20))),
                    **self.stamp(FIRST_DAY - timedelta(days=rng.randint(1, 60))),
                }
            )
        self.staff = await self.put(Staff, rows, ids=True)
        self.rate = {s: r["hourly_rate"] for s, r in zip(self.staff, rows, strict=True)}
        # Employees sell, run projects and answer tickets; accountants record the money.
        self.team, self.accountants = self.staff[1:7], self.staff[7:]
        depts = list(self.departments.values())
        await self.put(
            StaffDepartment,
            [
                {"staff_id": s, "department_id": d, "created_at": self.at(FIRST_DAY)}
                for s in self.staff[1:]
                for d in rng.sample(depts, rng.randint(1, 2))
            ],
        )

    async def seed_customers(self, n: int) -> None:
        rng, used, rows = self.rng, set[str](), []
        for i in range(n):
            name, domain, m = self.company(used)
            since, a = self.day(FIRST_DAY, TODAY - timedelta(days=30)), self.address(m)
            c = self.cust(name, domain, m, since, a)
            self.customers.append(c)
            rows.append(
                {
                    "company": name,
                    "phone": self.phone(m),
                    "website": f"https://www.{domain}",
                    "vat": "" if m.iso2 == "US" else f"{m.iso2}{rng.randint(10**8, 10**9)}",
                    **self.postal(a),
                    **a,
                    "default_currency_id": c.currency_id,
                    "active": self.chance(0.95),
                    "added_by_id": rng.choice(self.staff),
                    "number": f"CUS-{i + 1:05d}",
                    "private_notes": rng.choice(NOTES),
                    **self.stamp(since),
                }
            )
        for c, id_ in zip(self.customers, await self.put(Customer, rows, ids=True), strict=True):
            c.id = id_
        groups = list(self.customer_groups.values())
        await self.put(
            CustomerGroupMember,
            [
                {"customer_id": c.id, "group_id": g, "created_at": self.at(c.since)}
                for c in self.customers
                for g in rng.sample(groups, rng.choice((0, 0, 1, 1, 2)))
            ],
        )

    async def seed_contacts(self) -> None:
        rng, rows, owners = self.rng, [], []
        for c in self.customers:
            for k in range(rng.choice((2, 3, 3, 4))):
                first, last, email = self.person(c.domain)
                if any(email == p[2] for p in c.people):
                    email = email.replace("@", f"{k}@")
                c.people.append((first, last, email))
                owners.append(c)
                joined = self.within(c.since, 60)
                rows.append(
                    {
                        "customer_id": c.id,
                        "is_primary": k == 0,
                        "firstname": first,
                        "lastname": last,
                        "email": email,
                        "phone": self.phone(c.market),
                        "title": rng.choice(TITLES),
                        "permissions": "1,2,3,4,5,6"
                        if k == 0
                        else ",".join(sorted(rng.sample("123456", 3))),
                        "last_login_at": self.at(self.day(joined)) if self.chance(0.5) else None,
                        **self.stamp(joined),
                    }
                )
        for c, id_ in zip(owners, await self.put(Contact, rows, ids=True), strict=True):
            c.contacts.append(id_)

    async def seed_leads(self, n: int) -> None:
        rng, used = self.rng, {c.company for c in self.customers}
        converted = rng.sample(self.customers, max(1, n // 6))
        rows, prospects = [], []
        for i in range(len(converted) + max(4, n * 3 // 5)):
            if i < len(converted):
                c, status = converted[i], "Customer"
                since = c.since - timedelta(days=rng.randint(5, 60))
            else:
                name, domain, m = self.company(used)
                since = self.day(FIRST_DAY)
                c = self.cust(name, domain, m, since, self.address(m))
                c.people.append(self.person(domain))
                status = self.pick(
                    ("New", "Contacted", "Qualified", "Proposal Sent", "Lost"), (3, 3, 2, 2, 1)
                )
            (first, last, email), a = c.people[0], c.address
            last_talk = c.since if c.id else LAST_DAY
            prospects.append((c, status))
            rows.append(
                {
                    "name": f"{first} {last}",
                    "title": rng.choice(TITLES),
                    "company": c.company,
                    "email": email,
                    "website": f"https://www.{c.domain}",
                    "phone": self.phone(c.market),
                    **self.postal(a),
                    "status_id": self.lead_statuses[status],
                    "source_id": rng.choice(list(self.lead_sources.values())),
                    "assigned_id": rng.choice(self.team),
                    "added_by_id": rng.choice(self.staff),
                    "lead_value": self.amount(500, 20000),
                    "last_contact_at": None
                    if status == "New"
                    else self.at(self.day(since, last_talk)),
                    "lost": status == "Lost",
                    "junk": status == "New" and self.chance(0.1),
                    "customer_id": c.id or None,
                    "converted_at": self.at(c.since) if c.id else None,
                    **self.stamp(since),
                }
            )
        ids = await self.put(Lead, rows, ids=True)
        self.leads = [(id_, c) for id_, (c, _) in zip(ids, prospects, strict=True)]
        self.pitched = [
            (id_, c) for id_, (c, s) in zip(ids, prospects, strict=True) if s == "Proposal Sent"
        ]
