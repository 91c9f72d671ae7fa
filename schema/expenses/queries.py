"""Reading expenses."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.expenses import EXPENSES, list_expenses
from schema.roots import roots


@strawberry.type
class ExpenseQuery:
    expense, expenses = roots(
        EXPENSES, list_expenses, description="Expenses, newest first unless ordered otherwise.",
        order=[Order("date", "desc")],
    )  # fmt: skip
