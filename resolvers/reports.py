"""The financial summary (v2 /reports/financial): money in, money out, and money owed.

For a month or a year: income is the payments received in it, expenses the expenses
dated in it, profit the difference, and outstanding the amount still due on the unpaid,
partially paid and overdue invoices issued in it (all time when no period is given).
Sums run in SQL over exact decimals; currencies are not converted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select

from resolvers.core.context import Ctx
from resolvers.core.errors import Invalid
from resolvers.core.permissions import require
from resolvers.core.records import live
from resolvers.models import Expense, Invoice, Payment, table_of

RESOURCE = "reports"
invoices = table_of(Invoice)
payments = table_of(Payment)
expenses = table_of(Expense)

# Perfex invoice codes: 1 unpaid, 3 partially paid, 4 overdue (2 paid, 5 cancelled, 6 draft).
OUTSTANDING = (1, 3, 4)
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FinancialSummary:
    income: Decimal
    expenses: Decimal
    profit: Decimal
    outstanding_invoices: Decimal
    # The period, first day included and last day excluded; None for all time.
    date_from: date | None
    date_until: date | None


def _number(value: int | str | None, field: str, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except ValueError:
        raise Invalid.field(field, "must be a whole number") from None
    if not low <= number <= high:
        raise Invalid.field(field, f"must be between {low} and {high}")
    return number


def period(year: int | str | None, month: int | str | None) -> tuple[date, date] | None:
    """The days a year or a month covers; a month alone is in the current year."""
    y = _number(year, "year", 1900, 9998)
    m = _number(month, "month", 1, 12)
    if y is None and m is None:
        return None
    if y is None:
        y = datetime.now(UTC).year
    if m is None:
        return date(y, 1, 1), date(y + 1, 1, 1)
    return date(y, m, 1), date(y + (m == 12), m % 12 + 1, 1)


def _within(column: Any, days: tuple[date, date] | None) -> list[ColumnElement[bool]]:
    return [] if days is None else [column >= days[0], column < days[1]]


def _sum(column: Any, *where: ColumnElement[bool]) -> Select[Any]:
    return select(func.sum(column)).where(*where)


async def financial_report(
    ctx: Ctx, year: int | str | None = None, month: int | str | None = None
) -> FinancialSummary:
    require(ctx.principal, RESOURCE, "get")
    days = period(year, month)
    income = _sum(payments.c.amount, live(payments), live(invoices),
                  *_within(payments.c.date, days)).select_from(
        payments.join(invoices, invoices.c.id == payments.c.invoice_id)
    )  # fmt: skip
    spent = _sum(expenses.c.amount, live(expenses), *_within(expenses.c.date, days))
    owed = _sum(invoices.c.amount_due, live(invoices), invoices.c.status.in_(OUTSTANDING),
                *_within(invoices.c.date, days))  # fmt: skip
    query = select(
        income.scalar_subquery().label("income"),
        spent.scalar_subquery().label("expenses"),
        owed.scalar_subquery().label("outstanding"),
    )
    async with ctx.db.read() as conn:
        row = (await conn.execute(query)).one()
    money_in, money_out = row.income or ZERO, row.expenses or ZERO
    return FinancialSummary(
        income=money_in,
        expenses=money_out,
        profit=money_in - money_out,
        outstanding_invoices=row.outstanding or ZERO,
        date_from=days[0] if days else None,
        date_until=days[1] if days else None,
    )
