"""The v2 financial summary over hand-made invoices, payments and expenses."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import insert, select

from gateway.database import Database
from resolvers import reports
from resolvers.core.context import Ctx
from resolvers.core.errors import Forbidden, Invalid
from resolvers.core.permissions import Principal
from resolvers.models import Expense, ExpenseCategory, Invoice, Payment, table_of
from tests.factories import make_customer

UNPAID, PAID, PARTIALLY_PAID, OVERDUE, CANCELLED, DRAFT = 1, 2, 3, 4, 5, 6
GONE = datetime(2026, 3, 30, tzinfo=UTC)


async def books(db: Database, ctx: Ctx) -> None:
    """Invoices, payments and expenses around March 2026, some deleted, drafted or cancelled."""
    customer = (await make_customer(ctx))["id"]
    invoices, payments, expenses = table_of(Invoice), table_of(Payment), table_of(Expense)
    async with db.write() as conn:
        category = await conn.scalar(select(table_of(ExpenseCategory).c.id).limit(1))

        async def invoice(n: int, day: date, status: int, due: str, **extra: object) -> int:
            values = {"customer_id": customer, "number": n, "date": day, "status": status,
                      "amount_due": Decimal(due), **extra}  # fmt: skip
            made = await conn.execute(insert(invoices).values(values).returning(invoices.c.id))
            return int(made.scalar_one())

        async def payment(invoice_id: int, amount: str, day: date, **extra: object) -> None:
            await conn.execute(insert(payments).values(
                invoice_id=invoice_id, amount=Decimal(amount), date=day, **extra))  # fmt: skip

        async def expense(amount: str, day: date, **extra: object) -> None:
            await conn.execute(insert(expenses).values(
                category_id=category, amount=Decimal(amount), date=day, **extra))  # fmt: skip

        a = await invoice(1, date(2026, 3, 5), PARTIALLY_PAID, "400.00", total=Decimal(1000))
        await payment(a, "600.00", date(2026, 3, 10))
        await payment(a, "77.00", date(2026, 3, 11), deleted_at=GONE)
        await invoice(2, date(2026, 3, 20), UNPAID, "250.10")
        await invoice(3, date(2026, 3, 21), DRAFT, "999.00")
        await invoice(4, date(2026, 3, 22), CANCELLED, "777.00")
        e = await invoice(5, date(2026, 2, 1), OVERDUE, "100.00")
        await payment(e, "50.25", date(2026, 3, 2))
        f = await invoice(6, date(2026, 1, 10), PAID, "0.00", total=Decimal(300))
        await payment(f, "300.00", date(2026, 1, 15))
        g = await invoice(7, date(2026, 3, 1), UNPAID, "5000.00", deleted_at=GONE)
        await payment(g, "1000.00", date(2026, 3, 1))
        await invoice(8, date(2025, 12, 30), UNPAID, "40.00")
        await expense("120.40", date(2026, 3, 3))
        await expense("79.60", date(2026, 3, 31))
        await expense("500.00", date(2026, 4, 1))
        await expense("10.00", date(2025, 12, 31))
        await expense("1000.00", date(2026, 3, 15), deleted_at=GONE)


def figures(summary: reports.FinancialSummary) -> tuple[Decimal, ...]:
    return (summary.income, summary.expenses, summary.profit, summary.outstanding_invoices)


async def test_a_month(db: Database, ctx: Ctx) -> None:
    await books(db, ctx)

    march = await reports.financial_report(ctx, year=2026, month=3)

    assert figures(march) == (Decimal("650.25"), Decimal("200.00"), Decimal("450.25"),
                              Decimal("650.10"))  # fmt: skip
    assert (march.date_from, march.date_until) == (date(2026, 3, 1), date(2026, 4, 1))


async def test_a_year_from_query_strings(db: Database, ctx: Ctx) -> None:
    await books(db, ctx)

    year = await reports.financial_report(ctx, year="2026")

    assert figures(year) == (Decimal("950.25"), Decimal("700.00"), Decimal("250.25"),
                             Decimal("750.10"))  # fmt: skip


async def test_all_time_and_an_empty_period(db: Database, ctx: Ctx) -> None:
    await books(db, ctx)

    ever = await reports.financial_report(ctx)
    december = await reports.financial_report(ctx, year=2030, month=12)

    assert figures(ever) == (Decimal("950.25"), Decimal("710.00"), Decimal("240.25"),
                             Decimal("790.10"))  # fmt: skip
    assert figures(december) == (Decimal("0.00"),) * 4
    assert december.date_until == date(2031, 1, 1)


async def test_a_month_alone_is_in_the_current_year(ctx: Ctx) -> None:
    summary = await reports.financial_report(ctx, month="2")

    assert summary.date_from == date(datetime.now(UTC).year, 2, 1)


@pytest.mark.parametrize(
    ("year", "month", "field"),
    [(2026, 13, "month"), (2026, 0, "month"), ("twenty", None, "year"), (99999, None, "year")],
)
async def test_bad_periods(ctx: Ctx, year: object, month: object, field: str) -> None:
    with pytest.raises(Invalid) as caught:
        await reports.financial_report(ctx, year=year, month=month)  # type: ignore[arg-type]

    assert field in caught.value.errors


async def test_reports_need_the_grant(db: Database) -> None:
    def caller(*grants: str) -> Ctx:
        return Ctx(db=db, principal=Principal(kind="token", id=2, name="r",
                                              grants=frozenset(grants)))  # fmt: skip

    with pytest.raises(Forbidden):
        await reports.financial_report(caller("invoices:get", "expenses:get"))
    assert (await reports.financial_report(caller("reports:get"))).income == Decimal("0.00")
