"""Deterministic demo data for the whole CRM: `crm-gateway seed-demo` and an empty `make serve`.

One `random.Random(seed)` drives every choice and every date counts back from a fixed anchor,
so a seed always yields the same database. Priced documents are planned in memory first, so
their figures follow `resolvers.totals` and credits and payments are settled before a row is
written; then each table gets one bulk insert, parents before children, in one transaction.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

from resolvers.context import Database
from resolvers.identity import hash_password
from resolvers.models import (
    Account,
    CalendarEvent,
    ChecklistItem,
    Contact,
    Contract,
    ContractComment,
    ContractRenewal,
    ContractType,
    Country,
    CreditApplied,
    CreditNote,
    CreditNoteItem,
    CreditNoteRefund,
    Currency,
    Customer,
    CustomerGroup,
    CustomerGroupMember,
    CustomField,
    CustomFieldValue,
    Department,
    DiscussionComment,
    Estimate,
    EstimateItem,
    Expense,
    ExpenseCategory,
    File,
    Invoice,
    InvoiceItem,
    Item,
    ItemGroup,
    Lead,
    LeadSource,
    LeadStatus,
    Milestone,
    Note,
    Payment,
    PaymentMode,
    Project,
    ProjectDiscussion,
    ProjectMember,
    Proposal,
    ProposalComment,
    ProposalItem,
    Role,
    Staff,
    StaffDepartment,
    Subscription,
    Task,
    TaskAssignee,
    TaskComment,
    TaskFollower,
    Tax,
    Ticket,
    TicketPriority,
    TicketReply,
    TicketService,
    TicketStatus,
    Timesheet,
    Transaction,
    table_of,
)
from resolvers.totals import CANCELLED, DRAFT, UNPAID, Line, compute, invoice_status, money

ANCHOR = datetime(2026, 1, 1, tzinfo=UTC)
TODAY = ANCHOR.date()
LAST_DAY = TODAY - timedelta(days=1)
FIRST_DAY = TODAY - timedelta(days=730)
ZERO = Decimal("0")
TOTALS = (
    "currency_id subtotal discount_type discount_percent discount_total total_tax adjustment total"
).split()
Row = dict[str, Any]
Progress = Callable[[str, int], None]

FIRST = (
    "Aisha Omar Liam Sofia Noah Priya Lucas Mei Ethan Fatima Mateo Chloe Arjun Hannah Yusuf "
    "Elena Daniel Amara Lars Zoe Ravi Grace Karim Isla Tomás Nadia Oliver Leila Hugo Inès"
).split()
LAST = (
    "Khan Smith Patel Müller García Chen Johnson Haddad Rossi Nakamura Brown Okafor Silva "
    "Dubois Novak Schmidt Kumar Fischer Evans Mansour Larsen Walsh Costa Ahmed Jensen Reyes "
    "Murphy Weber Sato Bianchi"
).split()
BRANDS = (
    "Zahara,Blue Harbor,Northwind,Silver Oak,Red Cedar,Golden Dune,Atlas,Summit,Evergreen,"
    "Crescent,Pioneer,Lakeside,Ironwood,Bright Path,Falcon,Cobalt,Maple Leaf,Orchid,Sterling,"
    "Horizon,Oasis,Granite,Juniper,Saffron,Keystone,Meridian,Nimbus,Riverside,Tidewater,"
    "Amber Coast"
).split(",")
TRADES = (
    "Foods,Trading,Logistics,Consulting,Systems,Textiles,Builders,Labs,Media,Health,Motors,"
    "Energy,Interiors,Analytics,Retail,Pharma,Travel,Studios,Security,Farms"
).split(",")
STREETS = (
    "Market Street,Harbor Road,King Street,Park Avenue,Station Road,Lake View Drive,"
    "Mill Lane,Commerce Way,Bay Street,Garden Road"
).split(",")
TITLES = "CEO,Owner,Operations Manager,Finance Director,IT Manager,Purchasing Lead,CTO".split(",")
PROJECTS = (
    "Website Redesign,ERP Rollout,Mobile App,Data Warehouse,Office Network Upgrade,"
    "CRM Migration,E-commerce Launch,Brand Refresh,Security Audit,Cloud Migration"
).split(",")
TASKS = (
    "Gather requirements,Kick-off meeting,Design mockups,Set up staging server,"
    "Build API integration,Data migration dry run,User acceptance testing,"
    "Prepare training material,Go-live checklist,Fix reported bugs,Update documentation"
).split(",")
CHECKLIST = ("Draft", "Review with team", "Send to client", "Get sign-off", "Archive files")
CHAT = (
    "Thanks, that works for us.|Could you share an update by Friday?|I've attached the revised "
    "numbers.|Let's discuss this on our next call.|Done, please check and confirm.|We need a bit "
    "more time on our side.|Looks good to me, approved.|Can we move the deadline by a week?"
).split("|")
TICKETS = (
    "Cannot log in to the portal|Invoice shows the wrong address|Email delivery delayed|Printer "
    "not connecting to Wi-Fi|Request for additional user licences|Website loads slowly|Backup "
    "job failed overnight|VPN disconnects every hour"
).split("|")
NOTES = (
    "Prefers invoices by email before the 5th of each month.|Asked for a quote on additional "
    "licences.|Decision maker is the finance director.|Met at the trade fair; interested in "
    "managed hosting.|Payment terms agreed at 30 days.|Follow up after the next budget review."
).split("|")
DISCUSSIONS = ("Scope and timeline", "Access credentials", "Feedback on first draft", "Launch plan")
SUPPORT = (
    "Thanks for reaching out, we're looking into it.|Could you send a screenshot of the error?|"
    "We've applied a fix, please try again.|Closing this for now, just reply to reopen it."
).split("|")
CALENDAR = (
    "Call with {}|Quarterly review: {}|On-site visit: {}|Demo for {}|Team stand-up|"
    "Sales pipeline review"
).split("|")
TERMS = {
    "INV-": "Payment is due within the terms shown above. Thank you for your business.",
    "EST-": "Prices are valid until the expiry date.",
    "CN-": "This credit can be applied to open invoices or refunded.",
}
FILES = ("meeting-notes.txt", "requirements.txt", "error-log.txt", "signed-scope.txt")
CONTRACTS = {
    "Annual Support Agreement": "Support",
    "Software Maintenance Contract": "Maintenance",
    "Website Development Agreement": "Development",
    "IT Consulting Retainer": "Consulting",
}
PLANS = (
    ("Managed Hosting - Basic", "49"),
    ("Managed Hosting - Pro", "149"),
    ("Support Retainer", "500"),
    ("SaaS Licence (per seat)", "29"),
    ("Backup & Monitoring", "79"),
)
EXPENSES = {  # category: what is bought, and its price range
    "Hosting Management": (("AWS monthly bill", "Hetzner servers", "Cloudflare Pro"), 40, 900),
    "Office Supplies": (("Printer paper and toner", "Desk chairs", "Coffee supplies"), 15, 400),
    "Travel": (("Flight to client site", "Hotel for on-site workshop", "Taxi to client"), 20, 1500),
    "Software": (("Figma licence", "GitHub Team plan", "Slack subscription"), 10, 300),
    "Marketing": (("LinkedIn ads", "Google Ads campaign", "Trade fair booth"), 100, 3000),
}
FIELDS = (
    ("customers", "Industry", "select", "Retail,Manufacturing,Hospitality,Healthcare,Technology"),
    ("customers", "Employees", "number", ""),
    ("customers", "Customer Since", "date_picker", ""),
    ("invoice", "PO Number", "input", ""),
    ("invoice", "Cost Center", "select", "Operations,IT,Finance"),
)
CATALOGUE = [  # group|description|unit|rate
    s.split("|")
    for s in (
        "Services|Consulting|hour|120;Services|Project management|hour|95;Services|On-site "
        "installation|day|650;Services|Training workshop|session|480;Services|Custom development|"
        "hour|140;Hardware|Business laptop 14in|unit|1149;Hardware|27in monitor|unit|289;Hardware|"
        "Wireless access point|unit|189;Hardware|Network switch 24-port|unit|420;Hardware|Barcode "
        "scanner|unit|135;Software|Office suite licence|seat|12.50;Software|Antivirus licence|seat|"
        "39;Software|Accounting software licence|seat|55;Hosting|Managed VPS|month|79;Hosting|"
        "Domain registration|year|18;Hosting|SSL certificate|year|69;Hosting|Daily backups|month|25"
    ).split(";")
]
# How many of a unit one line sells.
QTY = {"hour": (2, 40), "day": (1, 5), "session": (1, 3), "unit": (1, 12), "seat": (5, 50)}
QTY |= {"month": (1, 12), "year": (1, 3)}


@dataclass(frozen=True)
class Market:
    iso2: str
    currency: str
    taxes: tuple[str, ...]
    calling: str
    tld: str
    suffixes: tuple[str, ...]
    cities: tuple[tuple[str, str, str], ...]  # city, state, zip pattern ('#' is a digit)


def _market(spec: str) -> Market:
    iso2, cur, taxes, calling, tld, suffixes, cities = spec.split("|")
    places = tuple((c, s, z) for c, s, z in (p.split("/") for p in cities.split(";")))
    return Market(
        iso2, cur, tuple(taxes.split("+")), calling, tld, tuple(suffixes.split(",")), places
    )


MARKETS = [
    _market(s)
    for s in (
        "US|USD|Sales Tax|1|.com|LLC,Inc,Co.|New York/NY/100##;Austin/TX/787##;Seattle/WA/981##",
        "GB|GBP|VAT|44|.co.uk|Ltd,PLC|London/England/EC1A #BB;Manchester/England/M# #AE",
        "AE|AED|VAT|971|.ae|LLC,FZE,FZCO|Dubai/Dubai/;Abu Dhabi/Abu Dhabi/;Sharjah/Sharjah/",
        "DE|EUR|VAT|49|.de|GmbH,AG|Berlin/Berlin/101##;Munich/Bavaria/803##;Hamburg/Hamburg/203##",
        "FR|EUR|VAT|33|.fr|SARL,SA|Paris/Île-de-France/750##;Lyon/Auvergne-Rhône-Alpes/690##",
        "NL|EUR|VAT|31|.nl|B.V.|Amsterdam/North Holland/10## AB;Rotterdam/South Holland/30## CD",
        "IN|INR|CGST+SGST|91|.in|Pvt Ltd|Mumbai/Maharashtra/4000##;Bengaluru/Karnataka/5600##",
        "CA|CAD|Sales Tax|1|.ca|Inc,Ltd|Toronto/Ontario/M5H #A#;Vancouver/British Columbia/V6B #K#",
        "AU|AUD|Sales Tax|61|.com.au|Pty Ltd|Sydney/NSW/20##;Melbourne/VIC/30##",
    )
]
MARKET_WEIGHTS = (30, 12, 14, 8, 6, 5, 12, 7, 6)


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


@dataclass
class Cust:
    company: str
    domain: str
    market: Market
    since: date
    currency_id: int
    taxes: list[tuple[int, Decimal]]
    address: Row
    id: int = 0
    contacts: list[int] = field(default_factory=list)
    people: list[tuple[str, str, str]] = field(default_factory=list)  # first, last, email
    projects: list[int] = field(default_factory=list)
    plan: Row | None = None  # a running subscription to bill
    invoices: list[Doc] = field(default_factory=list)


@dataclass
class Doc:
    day: date
    row: Row
    items: list[Row]
    id: int = 0
    credited: Decimal = ZERO


def _two_taxes(c: Cust | None) -> list[tuple[int | None, Decimal]]:
    """A document line has two tax slots; a customer's market fills none, one or both."""
    taxes: list[tuple[int | None, Decimal]] = [*(c.taxes if c else []), (None, ZERO), (None, ZERO)]
    return taxes[:2]


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


async def _has_people(conn: AsyncConnection) -> bool:
    customers, staff = table_of(Customer), table_of(Staff)
    for table in (customers, staff):
        if await conn.scalar(select(table.c.id).limit(1)) is not None:
            return True
    return False


async def is_empty(db: Database) -> bool:
    async with db.read() as conn:
        return not await _has_people(conn)


async def seed_demo(
    db: Database,
    *,
    customers: int = 50,
    seed: int = 7,
    storage_dir: Path | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    if customers < 1:
        raise ValueError("customers must be at least 1")
    written: list[Path] = []
    try:
        async with db.write() as conn:
            # Seeding over real data would clash on staff emails and document numbers.
            if await _has_people(conn):
                raise RuntimeError("demo data only goes into a database without customers/staff")
            seeder = _Seeder(conn, random.Random(seed), progress, written)
            await seeder.run(customers, storage_dir)
    except BaseException:
        # The rows are rolled back, so files written for them would be orphans.
        await asyncio.to_thread(_remove, written)
        raise
    return seeder.counts


class _Seeder:
    def __init__(
        self,
        conn: AsyncConnection,
        rng: random.Random,
        progress: Progress | None,
        written: list[Path],
    ) -> None:
        self.conn, self.rng, self.progress, self.written = conn, rng, progress, written
        self.counts: dict[str, int] = {}
        self.ledger: list[Row] = []
        self.customers: list[Cust] = []

    # -- plumbing -------------------------------------------------------------------------
    async def put(self, model: type[SQLModel], rows: list[Row], *, ids: bool = False) -> list[int]:
        table = table_of(model)
        if not rows:
            return []
        new_ids: list[int] = []
        if ids:
            stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            new_ids = list((await self.conn.execute(stmt, rows)).scalars())
        else:
            await self.conn.execute(insert(table), rows)
        self.counts[table.name] = len(rows)
        if self.progress is not None:
            self.progress(table.name, len(rows))
        return new_ids

    async def lookup(self, model: type[SQLModel], key: str = "name") -> dict[str, int]:
        table = table_of(model)
        rows = await self.conn.execute(select(table.c[key], table.c.id).order_by(table.c.id))
        return {str(name): int(id_) for name, id_ in rows.all()}

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def day(self, lo: date, hi: date = LAST_DAY) -> date:
        return lo + timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def at(self, day: date) -> datetime:
        return datetime.combine(day, time(self.rng.randint(8, 18), self.rng.randint(0, 59)), UTC)

    def stamp(self, day: date) -> Row:
        moment = self.at(day)
        return {"created_at": moment, "updated_at": moment}

    def hex(self, digits: int = 32) -> str:
        return f"{self.rng.getrandbits(digits * 4):0{digits}x}"

    def amount(self, lo: int, hi: int) -> Decimal:
        return Decimal(self.rng.randint(lo * 100, hi * 100)) / 100

    def phone(self, m: Market) -> str:
        r = self.rng.randint
        return f"+{m.calling} {r(20, 99)} {r(100, 999)} {r(1000, 9999)}"

    def person(self, domain: str) -> tuple[str, str, str]:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        return first, last, f"{_slug(first)}.{_slug(last)}@{domain}"

    def company(self, used: set[str]) -> tuple[str, str, Market]:
        m = self.rng.choices(MARKETS, MARKET_WEIGHTS)[0]
        for _ in range(20):  # a few retries keep names distinct until the lists run dry
            brand, trade = self.rng.choice(BRANDS), self.rng.choice(TRADES)
            suffix = "" if self.chance(0.3) else " " + self.rng.choice(m.suffixes)
            name = f"{brand} {trade}{suffix}"
            if name not in used:
                break
        used.add(name)
        return name, _slug(brand + trade) + m.tld, m

    def place(self, m: Market) -> Row:
        city, state, pattern = self.rng.choice(m.cities)
        zip_ = "".join(str(self.rng.randint(0, 9)) if ch == "#" else ch for ch in pattern)
        street = f"{self.rng.randint(1, 240)} {self.rng.choice(STREETS)}"
        return {"street": street, "city": city, "state": state, "zip": zip_}

    # -- priced documents -----------------------------------------------------------------
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
        (t1, r1), (t2, r2) = _two_taxes(
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

    # -- the domain -----------------------------------------------------------------------
    async def run(self, customers: int, storage_dir: Path | None) -> None:
        find = self.lookup
        self.currencies, self.countries = await find(Currency), await find(Country, "iso2")
        self.modes, self.statuses = await find(PaymentMode), await find(TicketStatus)
        self.lead_statuses, self.sources = await find(LeadStatus), await find(LeadSource)
        self.priorities, self.services = await find(TicketPriority), await find(TicketService)
        self.departments, self.roles = await find(Department), await find(Role)
        self.contract_types, self.groups = await find(ContractType), await find(CustomerGroup)
        self.categories, self.accounts = await find(ExpenseCategory), await find(Account)
        self.item_groups = await find(ItemGroup)
        taxes = table_of(Tax)
        rows = await self.conn.execute(select(taxes.c.name, taxes.c.id, taxes.c.rate))
        self.taxes = {name: (id_, rate) for name, id_, rate in rows.all()}
        await self.seed_staff()
        await self.seed_items()
        await self.seed_customers(customers)
        await self.seed_leads(customers)
        await self.seed_projects()
        await self.seed_subscriptions()
        await self.seed_invoices()
        await self.seed_estimates()
        await self.seed_proposals()
        await self.seed_contracts()
        await self.seed_tickets()
        await self.seed_expenses(customers)
        await self.seed_notes()
        await self.seed_calendar(customers)
        await self.seed_custom_fields()
        await self.put(Transaction, self.ledger)
        if storage_dir is not None:
            await self.seed_files(storage_dir)

    async def seed_staff(self) -> None:
        rng = self.rng
        password = hash_password("admin")  # argon2 is slow on purpose: hash once, share it
        people = [("Admin", "User"), *rng.sample([(f, s) for f in FIRST for s in LAST], 9)]
        rows = []
        for i, (first, last) in enumerate(people):
            role = "Administrator" if i == 0 else "Accountant" if i > 6 else "Employee"
            email = f"{_slug(first)}.{_slug(last)}@example.com" if i else "admin@example.com"
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
        self.catalogue: list[tuple[int, str, str, Decimal]] = [
            (i, r["description"], r["unit"], r["rate"]) for i, r in zip(ids, rows, strict=True)
        ]

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

    @staticmethod
    def postal(a: Row) -> Row:
        """The single address customers, leads and proposals carry: the billing one."""
        return {
            "address": a["billing_street"],
            "city": a["billing_city"],
            "state": a["billing_state"],
            "zip": a["billing_zip"],
            "country_id": a["billing_country_id"],
        }

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
        groups = list(self.groups.values())
        await self.put(
            CustomerGroupMember,
            [
                {"customer_id": c.id, "group_id": g, "created_at": self.at(c.since)}
                for c in self.customers
                for g in rng.sample(groups, rng.choice((0, 0, 1, 1, 2)))
            ],
        )
        contacts, owners = [], []
        for c in self.customers:
            for k in range(rng.choice((2, 3, 3, 4))):
                first, last, email = self.person(c.domain)
                if any(email == p[2] for p in c.people):
                    email = email.replace("@", f"{k}@")
                c.people.append((first, last, email))
                owners.append(c)
                joined = self.day(c.since, min(LAST_DAY, c.since + timedelta(days=60)))
                contacts.append(
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
        for c, id_ in zip(owners, await self.put(Contact, contacts, ids=True), strict=True):
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
                status = rng.choices(
                    ("New", "Contacted", "Qualified", "Proposal Sent", "Lost"), (3, 3, 2, 2, 1)
                )[0]
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
                    "source_id": rng.choice(list(self.sources.values())),
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

    async def seed_projects(self) -> None:
        rng, rows, owners, crews = self.rng, [], [], []
        for c in self.customers:
            for _ in range(rng.choice((0, 1, 1, 1, 1, 1, 1, 1, 1, 2))):
                start = self.day(c.since)
                deadline = start + timedelta(days=rng.randint(30, 180))
                # 1 not started, 2 in progress, 3 on hold, 4 cancelled, 5 finished
                status = (
                    rng.choices((5, 4, 3, 2), (6, 1, 1, 2))[0]
                    if deadline < TODAY
                    else (rng.choices((2, 1, 3), (6, 3, 1))[0])
                )
                billing = rng.choice((1, 2, 3))
                rows.append(
                    {
                        "name": f"{rng.choice(PROJECTS)} {start.year}",
                        "status": status,
                        "description": f"{c.company}: scope, milestones and delivery.",
                        "customer_id": c.id,
                        "billing_type": billing,
                        "start_date": start,
                        "deadline": deadline,
                        "date_finished": self.day(
                            start, min(deadline + timedelta(days=15), LAST_DAY)
                        )
                        if status == 5
                        else None,
                        "progress": {5: 100, 1: 0}.get(status, rng.randint(10, 90)),
                        "progress_from_tasks": False,
                        "project_cost": self.amount(2000, 40000) if billing == 1 else ZERO,
                        "project_rate_per_hour": Decimal(
                            rng.choice((75, 95, 120)) if billing == 2 else 0
                        ),
                        "estimated_hours": Decimal(rng.randint(40, 400)),
                        "added_by_id": rng.choice(self.staff),
                        **self.stamp(start),
                    }
                )
                owners.append(c)
                crews.append(rng.sample(self.team, rng.randint(2, 4)))
        ids = await self.put(Project, rows, ids=True)
        for c, id_ in zip(owners, ids, strict=True):
            c.projects.append(id_)
        projects = list(zip(ids, owners, rows, crews, strict=True))
        await self.put(
            ProjectMember,
            [
                {"project_id": p, "staff_id": s, "created_at": r["created_at"]}
                for p, _, r, crew in projects
                for s in crew
            ],
        )
        milestones = []
        for p, _, r, _ in projects:
            span = (r["deadline"] - r["start_date"]).days
            for k, name in enumerate(("Discovery", "Build", "Launch")[: rng.randint(2, 3)]):
                milestones.append(
                    {
                        "project_id": p,
                        "name": name,
                        "description_visible_to_customer": self.chance(0.5),
                        "milestone_order": k + 1,
                        "due_date": r["start_date"] + timedelta(days=span * (k + 1) // 3),
                        **self.stamp(r["start_date"]),
                    }
                )
        stones: dict[int, list[int]] = {}
        for id_, m in zip(await self.put(Milestone, milestones, ids=True), milestones, strict=True):
            stones.setdefault(m["project_id"], []).append(id_)
        talks, threads = [], []
        for p, c, r, crew in projects:
            for _ in range(rng.choice((0, 1, 1, 2))):
                day = self.day(r["start_date"])
                talks.append(
                    {
                        "project_id": p,
                        "subject": rng.choice(DISCUSSIONS),
                        "description": rng.choice(CHAT),
                        "show_to_customer": self.chance(0.7),
                        "staff_id": crew[0],
                        **self.stamp(day),
                    }
                )
                threads.append(
                    [
                        {
                            "content": rng.choice(CHAT),
                            "staff_id": None if k % 2 else rng.choice(crew),
                            "contact_id": c.contacts[0] if k % 2 else None,
                            **self.stamp(self.day(day, min(day + timedelta(days=10), LAST_DAY))),
                        }
                        for k in range(rng.randint(1, 3))
                    ]
                )
        talk_ids = await self.put(ProjectDiscussion, talks, ids=True)
        await self.put(
            DiscussionComment,
            [
                {**row, "discussion_id": t}
                for t, rs in zip(talk_ids, threads, strict=True)
                for row in rs
            ],
        )
        await self.seed_tasks([(p, c, r, crew, stones[p]) for p, c, r, crew in projects])

    async def seed_tasks(self, projects: list[tuple[int, Cust, Row, list[int], list[int]]]) -> None:
        rng, rows, meta = self.rng, [], []
        for p, c, project, crew, stones in projects:
            for _ in range(rng.randint(3, 6)):
                start = self.day(project["start_date"], min(project["deadline"], LAST_DAY))
                due = start + timedelta(days=rng.randint(3, 30))
                # 1 not started, 2 awaiting feedback, 3 testing, 4 in progress, 5 complete
                status = {1: 1, 5: 5, 4: rng.choice((1, 5))}.get(
                    project["status"], rng.choices((1, 2, 3, 4, 5), (2, 1, 1, 3, 3))[0]
                )
                people = rng.sample(crew, rng.randint(1, min(3, len(crew))))
                rows.append(
                    {
                        "name": rng.choice(TASKS),
                        "status": status,
                        "priority": rng.choices((1, 2, 3, 4), (2, 4, 2, 1))[0],
                        "start_date": start,
                        "due_date": due,
                        "completed_at": self.at(min(due, LAST_DAY)) if status == 5 else None,
                        "rel_type": "project",
                        "rel_id": p,
                        "project_id": p,
                        "customer_id": c.id,
                        "milestone_id": rng.choice(stones),
                        "billable": project["billing_type"] == 3,
                        "hourly_rate": self.rate[people[0]],
                        "visible_to_client": self.chance(0.5),
                        "added_by_id": crew[0],
                        **self.stamp(start),
                    }
                )
                meta.append((people, c))
        ids = await self.put(Task, rows, ids=True)
        assignees, followers, checklist, comments, sheets = [], [], [], [], []
        running: set[int] = set()
        for t, row, (people, c) in zip(ids, rows, meta, strict=True):
            doer, start = people[0], row["start_date"]
            end, made = min(row["due_date"], LAST_DAY), row["created_at"]
            assignees.append(
                {
                    "task_id": t,
                    "staff_id": doer,
                    "assigned_by_id": self.staff[0],
                    "created_at": made,
                }
            )
            followers += [{"task_id": t, "staff_id": s, "created_at": made} for s in people[1:]]
            for k in range(rng.randint(0, 4)):
                done = row["status"] == 5 or self.chance(0.3)
                checklist.append(
                    {
                        "task_id": t,
                        "description": CHECKLIST[k],
                        "finished": done,
                        "finished_by_id": doer if done else None,
                        "list_order": k + 1,
                        "finished_at": self.at(end) if done else None,
                        "assigned_id": doer,
                        "added_by_id": doer,
                        **self.stamp(start),
                    }
                )
            for _ in range(rng.randint(0, 3)):
                client = row["visible_to_client"] and self.chance(0.3)
                comments.append(
                    {
                        "task_id": t,
                        "content": rng.choice(CHAT),
                        "staff_id": None if client else rng.choice(people),
                        "contact_id": c.contacts[0] if client else None,
                        **self.stamp(self.day(start, end)),
                    }
                )
            for _ in range(0 if row["status"] == 1 else rng.randint(0, 3)):
                begin = self.at(self.day(start, end))
                sheets.append(
                    {
                        "task_id": t,
                        "staff_id": doer,
                        "start_time": begin,
                        "end_time": begin + timedelta(minutes=15 * rng.randint(2, 16)),
                        "hourly_rate": row["hourly_rate"],
                        "created_at": begin,
                        "updated_at": begin,
                    }
                )
            if row["status"] == 4 and doer not in running and len(running) < 4:
                # A few timers still running at the anchor, never two for one person.
                running.add(doer)
                begin = ANCHOR - timedelta(minutes=rng.randint(10, 180))
                sheets.append(
                    {
                        "task_id": t,
                        "staff_id": doer,
                        "start_time": begin,
                        "end_time": None,
                        "hourly_rate": row["hourly_rate"],
                        "created_at": begin,
                        "updated_at": begin,
                    }
                )
        await self.put(TaskAssignee, assignees)
        await self.put(TaskFollower, followers)
        await self.put(ChecklistItem, checklist)
        await self.put(TaskComment, comments)
        await self.put(Timesheet, sheets)

    async def seed_subscriptions(self) -> None:
        rng, rows, owners = self.rng, [], []
        for c in self.customers:
            if not self.chance(0.4):
                continue
            name, price = rng.choice(PLANS)
            day, status = (
                self.day(c.since),
                rng.choices(("active", "past_due", "canceled"), (7, 1, 2))[0],
            )
            live = status != "canceled"
            (t1, _), (t2, _) = _two_taxes(c)
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

    async def seed_invoices(self) -> None:
        rng, docs = self.rng, []
        modes = ",".join(str(m) for m in self.modes.values())
        for c in self.customers:
            for k in range(rng.randint(3, 7)):
                plan = c.plan if k == 0 else None
                day = self.day(plan["date"] if plan else c.since)
                items = (
                    [
                        self.line(
                            plan["name"],
                            "month",
                            Decimal(plan["quantity"]),
                            plan["unit_price"],
                            None,
                            day,
                        )
                    ]
                    if plan
                    else (self.lines(rng.randint(2, 4), day))
                )
                status = DRAFT if self.chance(0.04) else CANCELLED if self.chance(0.03) else UNPAID
                row = {
                    **self.numbered(c, day, "INV-", status != DRAFT),
                    **self.figures(c, items, discounts=plan is None, taxed=True if plan else None),
                    "project_id": rng.choice(c.projects)
                    if c.projects and self.chance(0.3)
                    else None,
                    "subscription_id": plan["id"] if plan else None,
                    "due_date": day + timedelta(days=rng.choice((15, 30, 30, 45))),
                    "status": status,
                    "sale_agent_id": rng.choice(self.team),
                    "allowed_payment_modes": modes,
                }
                c.invoices.append(Doc(day, row, items))
            docs += c.invoices
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
                cash=p["payment_mode_id"] == self.modes["Cash"],
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
            when = self.day(day, min(day + timedelta(days=14), LAST_DAY))
            refunds.append(
                (
                    note,
                    {
                        "amount": amount,
                        "refunded_on": when,
                        "note": "Bank transfer",
                        "payment_mode_id": self.modes["Bank"],
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
            mode = rng.choice(list(self.modes))
            rows.append(
                {
                    "amount": amount,
                    "payment_mode_id": self.modes[mode],
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

    def entry(
        self,
        kind: str,
        amount: Decimal,
        day: date,
        text: str,
        *,
        cash: bool,
        payment_id: int | None = None,
        expense_id: int | None = None,
        category_id: int | None = None,
    ) -> Row:
        account = self.accounts["Cash" if cash else "Main Bank Account"]
        return {
            "type": kind,
            "account_id": account,
            "amount": amount,
            "category_id": category_id,
            "description": text,
            "date": day,
            "payment_id": payment_id,
            "expense_id": expense_id,
            **self.stamp(day),
        }

    async def seed_estimates(self) -> None:
        rng, docs = self.rng, []
        for c in self.customers:
            issued = [d for d in c.invoices if d.row["status"] not in (DRAFT, CANCELLED)]
            for _ in range(rng.randint(1, 2)):
                # 1 draft, 2 sent, 3 declined, 4 accepted (5 expired, below)
                status = rng.choices((1, 2, 3, 4), (1, 3, 2, 4))[0]
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
        status = rng.choices((1, 2, 3, 4, 5, 6), (2, 2, 3, 3, 1, 1))[0]  # 3 accepted, 6 draft
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
                        "project_id": rng.choice(c.projects)
                        if c.projects and self.chance(0.3)
                        else None,
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
                status = rng.choices(
                    ("Open", "In progress", "Answered", "On Hold", "Closed"), (2, 1, 2, 1, 4)
                )[0]
                replies, when = [], day
                for k in range(0 if status == "Open" else rng.randint(1, 4)):
                    when = self.day(when, min(when + timedelta(days=3), LAST_DAY))
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
                        "priority_id": rng.choice(list(self.priorities.values())),
                        "department_id": self.departments[rng.choice(("Support", "Billing"))],
                        "status_id": self.statuses[status],
                        "service_id": rng.choice(list(self.services.values())),
                        "assigned_id": agent,
                        "project_id": rng.choice(c.projects)
                        if c.projects and self.chance(0.2)
                        else None,
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

    async def seed_expenses(self, n: int) -> None:
        rng, rows = self.rng, []
        payers = [c for c in self.customers for _ in range(rng.choice((0, 0, 1, 1, 2)))]
        for c in payers + [None] * max(5, n // 3):  # None: the company's own running costs
            category = rng.choice(("Travel", "Hosting Management") if c else tuple(EXPENSES))
            names, lo, hi = EXPENSES[category]
            day, mode = self.day(c.since if c else FIRST_DAY), rng.choice(list(self.modes))
            recurring = c is None and category in ("Software", "Hosting Management")
            rows.append(
                {
                    "name": rng.choice(names),
                    "category_id": self.categories[category],
                    "currency_id": c.currency_id if c else self.currencies["USD"],
                    "amount": self.amount(lo, hi),
                    "reference_no": f"RCPT-{rng.randint(10000, 99999)}",
                    "customer_id": c.id if c else None,
                    "billable": c is not None,
                    "project_id": rng.choice(c.projects)
                    if c and c.projects and self.chance(0.5)
                    else None,
                    "payment_mode_id": self.modes[mode],
                    "date": day,
                    "recurring": recurring,
                    "recurring_type": "month" if recurring else None,
                    "repeat_every": int(recurring),
                    "added_by_id": rng.choice(self.staff),
                    **self.stamp(day),
                }
            )
        ids = await self.put(Expense, rows, ids=True)
        self.ledger += [
            self.entry(
                "expense",
                r["amount"],
                r["date"],
                r["name"],
                cash=r["payment_mode_id"] == self.modes["Cash"],
                expense_id=id_,
                category_id=r["category_id"],
            )
            for id_, r in zip(ids, rows, strict=True)
        ]

    async def seed_notes(self) -> None:
        rng = self.rng
        about = [("customer", c.id, c) for c in self.customers for _ in range(rng.randint(1, 2))]
        about += [("lead", id_, c) for id_, c in self.leads for _ in range(rng.randint(0, 1))]
        await self.put(
            Note,
            [
                {
                    "rel_type": kind,
                    "rel_id": id_,
                    "description": rng.choice(NOTES),
                    "staff_id": rng.choice(self.team),
                    **self.stamp(day := self.day(c.since)),
                    "date_contacted": self.at(day) if self.chance(0.5) else None,
                }
                for kind, id_, c in about
            ],
        )

    async def seed_calendar(self, n: int) -> None:
        rng, rows = self.rng, []
        for staff in self.staff:
            for _ in range(6 + n // 25):
                start = self.at(self.day(FIRST_DAY, TODAY + timedelta(days=30)))  # some upcoming
                made = min(start, ANCHOR) - timedelta(days=rng.randint(1, 14))
                rows.append(
                    {
                        "title": rng.choice(CALENDAR).format(rng.choice(self.customers).company),
                        "staff_id": staff,
                        "start": start,
                        "end": start + timedelta(minutes=rng.choice((30, 60, 90))),
                        "public": self.chance(0.3),
                        "color": rng.choice(("#03a9f4", "#7cb342", "#ff6f00")),
                        "is_start_notified": start < ANCHOR,
                        "created_at": made,
                        "updated_at": made,
                    }
                )
        await self.put(CalendarEvent, rows)

    async def seed_custom_fields(self) -> None:
        rng = self.rng
        rows = [
            {
                "field_to": to,
                "name": name,
                "slug": f"{to}_{name.lower().replace(' ', '_')}",
                "type": kind,
                "options": options,
                "field_order": k,
                "show_on_pdf": to == "invoice",
                **self.stamp(FIRST_DAY),
            }
            for k, (to, name, kind, options) in enumerate(FIELDS, 1)
        ]
        industry, staff_size, since, po, centre = await self.put(CustomField, rows, ids=True)
        values: list[tuple[int, str, int, str, date]] = []
        for c in self.customers:
            values.append(
                (industry, "customers", c.id, rng.choice(FIELDS[0][3].split(",")), c.since)
            )
            if self.chance(0.8):
                values.append(
                    (staff_size, "customers", c.id, str(rng.choice((5, 25, 60, 400))), c.since)
                )
            values.append((since, "customers", c.id, c.since.isoformat(), c.since))
            for d in c.invoices:
                if self.chance(0.4):
                    values.append((po, "invoice", d.id, f"PO-{rng.randint(10000, 99999)}", d.day))
                if self.chance(0.3):
                    values.append(
                        (centre, "invoice", d.id, rng.choice(FIELDS[4][3].split(",")), d.day)
                    )
        await self.put(
            CustomFieldValue,
            [
                {"field_id": f, "field_to": to, "rel_id": rel, "value": v, **self.stamp(day)}
                for f, to, rel, v, day in values
            ],
        )

    async def seed_files(self, storage_dir: Path) -> None:
        rng = self.rng
        await asyncio.to_thread(storage_dir.mkdir, parents=True, exist_ok=True)
        projects = [p for c in self.customers for p in c.projects]
        targets = [("customer", c.id) for c in self.customers[:4]]
        targets += [("project", p) for p in projects[:4]]
        targets += [("ticket", t) for t in self.tickets[:4]]
        rows = []
        for kind, rel_id in targets:
            name, key = rng.choice(FILES), self.hex()
            data = f"{name}\n\n{rng.choice(NOTES)}\n{rng.choice(CHAT)}\n".encode()
            path = storage_dir / key
            self.written.append(path)
            await asyncio.to_thread(path.write_bytes, data)
            rows.append(
                {
                    "rel_type": kind,
                    "rel_id": rel_id,
                    "file_name": name,
                    "content_type": "text/plain",
                    "size": len(data),
                    "storage_key": key,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "visible_to_customer": kind != "customer",
                    "staff_id": rng.choice(self.team),
                    **self.stamp(LAST_DAY),
                }
            )
        await self.put(File, rows)
