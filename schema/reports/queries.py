"""The financial report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from resolvers import reports
from schema.context import Info


@strawberry.type(
    name="FinancialReport",
    description="Money in, money out and money owed over a year, a month, or all time. "
    "Sums are exact; currencies are not converted.",
)
class FinancialReportType:
    income: Decimal = strawberry.field(description="Payments received in the period.")
    expenses: Decimal = strawberry.field(description="Expenses dated in the period.")
    profit: Decimal = strawberry.field(description="Income less expenses.")
    outstanding_invoices: Decimal = strawberry.field(
        description="Still due on the unpaid, partly paid and overdue invoices issued in it."
    )
    date_from: dt.date | None = strawberry.field(description="The first day; null for all time.")
    date_until: dt.date | None = strawberry.field(
        description="The day after the last; null for all time."
    )


@strawberry.type
class ReportQuery:
    @strawberry.field(description="A month of a year, a whole year, or all time when neither.")
    async def financial_report(
        self, info: Info, year: int | None = None, month: int | None = None
    ) -> FinancialReportType | None:
        summary = await reports.financial_report(info.context.ctx, year, month)
        return FinancialReportType(
            income=summary.income,
            expenses=summary.expenses,
            profit=summary.profit,
            outstanding_invoices=summary.outstanding_invoices,
            date_from=summary.date_from,
            date_until=summary.date_until,
        )
