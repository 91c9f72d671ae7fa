"""The seeder's shared state and the helpers every domain draws with.

Each helper takes its randomness from the one `self.rng`, so the order in which the domains
call them is the order of the draws: moving a call moves every value after it.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

from resolvers.demo_data.words import Market
from resolvers.models import Tax, metadata, table_of

ANCHOR = datetime(2026, 1, 1, tzinfo=UTC)
TODAY = ANCHOR.date()
LAST_DAY = TODAY - timedelta(days=1)
FIRST_DAY = TODAY - timedelta(days=730)
ZERO = Decimal("0")
Row = dict[str, Any]
Progress = Callable[[str, int], None]
T = TypeVar("T")
# The reference lists the domains look up by name: the seeder's attributes of those names.
NAMED_LISTS = (
    "currencies", "payment_modes", "ticket_statuses", "lead_statuses", "lead_sources",
    "ticket_priorities", "ticket_services", "departments", "roles", "contract_types",
    "customer_groups", "expense_categories", "accounts", "item_groups",
)  # fmt: skip


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def made(moment: datetime) -> Row:
    return {"created_at": moment, "updated_at": moment}


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


def two_taxes(c: Cust | None) -> list[tuple[int | None, Decimal]]:
    """A document line has two tax slots; a customer's market fills none, one or both."""
    taxes: list[tuple[int | None, Decimal]] = [*(c.taxes if c else []), (None, ZERO), (None, ZERO)]
    return taxes[:2]


class SeederBase:
    # The reference lists (NAMED_LISTS), each an id by name, read once before anything
    # is written.
    currencies: dict[str, int]
    payment_modes: dict[str, int]
    ticket_statuses: dict[str, int]
    lead_statuses: dict[str, int]
    lead_sources: dict[str, int]
    ticket_priorities: dict[str, int]
    ticket_services: dict[str, int]
    departments: dict[str, int]
    roles: dict[str, int]
    contract_types: dict[str, int]
    customer_groups: dict[str, int]
    expense_categories: dict[str, int]
    accounts: dict[str, int]
    item_groups: dict[str, int]
    countries: dict[str, int]  # by ISO 3166 alpha-2 code
    taxes: dict[str, tuple[int, Decimal]]
    # What one domain writes and a later one refers to.
    staff: list[int]
    team: list[int]
    accountants: list[int]
    rate: dict[int, Decimal]
    catalogue: list[tuple[int, str, str, Decimal]]
    leads: list[tuple[int, Cust]]
    pitched: list[tuple[int, Cust]]  # leads a proposal went to
    tickets: list[int]

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

    async def load_lists(self) -> None:
        for name in NAMED_LISTS:
            setattr(self, name, await self.lookup(name))
        self.countries = await self.lookup("countries", "iso2")
        taxes = table_of(Tax)
        rows = await self.conn.execute(select(taxes.c.name, taxes.c.id, taxes.c.rate))
        self.taxes = {name: (id_, rate) for name, id_, rate in rows.all()}

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

    async def lookup(self, name: str, key: str = "name") -> dict[str, int]:
        table = metadata.tables[name]
        rows = await self.conn.execute(select(table.c[key], table.c.id).order_by(table.c.id))
        return {str(name): int(id_) for name, id_ in rows.all()}

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, options: Sequence[T], weights: Sequence[float]) -> T:
        return self.rng.choices(options, weights)[0]

    def day(self, lo: date, hi: date = LAST_DAY) -> date:
        return lo + timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def within(self, lo: date, days: int) -> date:
        """A day at most `days` after `lo`, never past the last seeded day."""
        return self.day(lo, min(lo + timedelta(days=days), LAST_DAY))

    def at(self, day: date) -> datetime:
        return datetime.combine(day, time(self.rng.randint(8, 18), self.rng.randint(0, 59)), UTC)

    def stamp(self, day: date) -> Row:
        return made(self.at(day))

    def hex(self, digits: int = 32) -> str:
        return f"{self.rng.getrandbits(digits * 4):0{digits}x}"

    def amount(self, lo: int, hi: int) -> Decimal:
        return Decimal(self.rng.randint(lo * 100, hi * 100)) / 100

    def project_of(self, c: Cust | None, p: float) -> int | None:
        """Sometimes (with probability `p`) one of the customer's projects."""
        return self.rng.choice(c.projects) if c and c.projects and self.chance(p) else None

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

    def entry(
        self,
        kind: str,
        amount: Decimal,
        day: date,
        text: str,
        *,
        mode_id: int,
        payment_id: int | None = None,
        expense_id: int | None = None,
        category_id: int | None = None,
    ) -> Row:
        """A ledger line: cash goes through the till, everything else through the bank."""
        cash = mode_id == self.payment_modes["Cash"]
        return {
            "type": kind,
            "account_id": self.accounts["Cash" if cash else "Main Bank Account"],
            "amount": amount,
            "category_id": category_id,
            "description": text,
            "date": day,
            "payment_id": payment_id,
            "expense_id": expense_id,
            **self.stamp(day),
        }
