"""Deterministic demo data for the whole CRM: `crm-gateway seed-demo` and an empty `make serve`.

One `random.Random(seed)` drives every choice and every date counts back from a fixed anchor,
so a seed always yields the same database. Priced documents are planned in memory first, so
their figures follow `resolvers.totals` and credits and payments are settled before a row is
written; then each table gets one bulk insert, parents before children, in one transaction.
"""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core.context import Database
from resolvers.demo_data.base import ANCHOR, TODAY, Progress
from resolvers.demo_data.people import People
from resolvers.demo_data.quotes import Quotes
from resolvers.demo_data.records import Records
from resolvers.demo_data.sales import Sales
from resolvers.demo_data.service import Service
from resolvers.demo_data.work import Work
from resolvers.models import Customer, Staff, Transaction, table_of

__all__ = ["ANCHOR", "TODAY", "is_empty", "seed_demo"]


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


async def _has_people(conn: AsyncConnection) -> bool:
    for table in (table_of(Customer), table_of(Staff)):
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
    progress: Progress | None = None,
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


class _Seeder(People, Work, Sales, Quotes, Service, Records):
    async def run(self, customers: int, storage_dir: Path | None) -> None:
        # Later domains refer to what earlier ones wrote, and each step's draws shift every
        # value after it: the order here is the seeded data.
        await self.load_lists()
        await self.seed_staff()
        await self.seed_items()
        await self.seed_customers(customers)
        await self.seed_contacts()
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
