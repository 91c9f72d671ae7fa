"""The store keeps money exact, times in UTC, and foreign keys enforced."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from gateway.database import Database
from resolvers.models import Contact, Customer, Invoice, table_of


async def test_money_round_trips_exactly_and_sums_in_sql(db: Database) -> None:
    customers, invoices = table_of(Customer), table_of(Invoice)
    async with db.write() as conn:
        cid = (
            await conn.execute(
                insert(customers).values(company="Exact Ltd").returning(customers.c.id)
            )
        ).scalar_one()
        for n, total in enumerate(["0.10", "0.20", "1234567890123.45"], start=1):
            await conn.execute(
                insert(invoices).values(
                    customer_id=cid, number=n, date=datetime.now(UTC).date(), total=Decimal(total)
                )
            )
    async with db.read() as conn:
        totals = (
            (await conn.execute(select(invoices.c.total).order_by(invoices.c.number)))
            .scalars()
            .all()
        )
        summed = (await conn.execute(select(invoices.c.total.op("+")(0)).limit(1))).scalar()
        from sqlalchemy import func

        exact_sum = (await conn.execute(select(func.sum(invoices.c.total)))).scalar_one()
    assert totals == [Decimal("0.10"), Decimal("0.20"), Decimal("1234567890123.45")]
    assert exact_sum == Decimal("1234567890123.75")
    assert summed is not None


async def test_times_come_back_aware_utc(db: Database) -> None:
    customers = table_of(Customer)
    gulf = timezone(timedelta(hours=4))
    stamp = datetime(2026, 3, 1, 12, 30, tzinfo=gulf)
    async with db.write() as conn:
        await conn.execute(
            insert(customers).values(company="Tz", created_at=stamp, updated_at=stamp)
        )
    async with db.read() as conn:
        got = (await conn.execute(select(customers.c.created_at))).scalar_one()
    assert got.tzinfo is not None and got.utcoffset() == timedelta(0)
    assert got == stamp


async def test_naive_times_are_refused(db: Database) -> None:
    customers = table_of(Customer)
    with pytest.raises(Exception, match="naive datetime"):
        async with db.write() as conn:
            await conn.execute(
                insert(customers).values(company="Naive", created_at=datetime(2026, 1, 1))
            )


async def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError):
        async with db.write() as conn:
            await conn.execute(
                insert(table_of(Contact)).values(
                    customer_id=999_999, firstname="Nobody", email="n@x.io"
                )
            )


async def test_a_failed_write_leaves_no_trace(db: Database) -> None:
    customers = table_of(Customer)
    with pytest.raises(IntegrityError):
        async with db.write() as conn:
            await conn.execute(insert(customers).values(company="Half written"))
            await conn.execute(
                insert(table_of(Contact)).values(customer_id=999_999, firstname="X", email="x@x.io")
            )
    async with db.read() as conn:
        assert (await conn.execute(select(customers.c.id))).first() is None
