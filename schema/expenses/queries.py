"""Reading expenses."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.expenses import EXPENSES, list_expenses
from schema.fields import connection_field, record_field


@strawberry.type
class ExpenseQuery:
    expense = record_field(EXPENSES)
    expenses = connection_field(
        EXPENSES, list_expenses, description="Expenses, newest first unless ordered otherwise.",
        order=[Order("date", "desc")],
    )  # fmt: skip
