"""Expenses and their categories."""

from __future__ import annotations

from resolvers import expenses
from rest_compat.readers import nothing
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.expenses import EXPENSE, EXPENSE_IN
from rest_compat.v1.routes.common import (
    BY_CUSTOMER,
    SEARCH,
    Q,
    listing,
    params,
    rows_of,
    shaped,
)
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows

FILTERS = (
    Q("category", description="A category id or name"),
    *BY_CUSTOMER,
    Q("project_id", "integer"),
    Q("billable", "boolean"),
    Q("date_from", "date"),
    Q("date_to", "date"),
    SEARCH,
)
expense = shaped(EXPENSE)

ROUTES = [
    *crud_rows("/api/v1/expenses", Noun("expense", "an"),
               Crud(expenses.list_expenses, expenses.create_expense, expenses.get_expense,
                    expenses.update_expense, expenses.delete_expense),
               expense, EXPENSE_IN, FILTERS),
    R("GET", "/api/v1/expenses/categories", expenses.list_expense_categories, nothing,
      listing(rows_of("expense_categories")), "List all expense categories", query=params()),
]  # fmt: skip
