"""Expenses and their categories."""

from __future__ import annotations

from resolvers import expenses
from rest_compat.readers import body, id_and_body, nothing, path_id
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.expenses import EXPENSE, EXPENSE_IN
from rest_compat.v1.routes.common import (
    SEARCH,
    Q,
    deleted,
    listing,
    pages,
    params,
    record,
    rows_of,
    shaped,
)

FILTERS = (
    Q("category", description="A category id or name"),
    Q("clientid", "integer", "customer_id", "The customer's id"),
    Q("customer_id", "integer"),
    Q("project_id", "integer"),
    Q("billable", "boolean"),
    Q("date_from", "date"),
    Q("date_to", "date"),
    SEARCH,
)
expense = shaped(EXPENSE)

ROUTES = [
    R("GET", "/api/v1/expenses", expenses.list_expenses, pages(*FILTERS), listing(expense),
      "List all expenses with pagination", query=params(*FILTERS)),
    R("POST", "/api/v1/expenses", expenses.create_expense, body(), record(expense, 201),
      "Create a new expense", fields=EXPENSE_IN, status=201),
    R("GET", "/api/v1/expenses/{id}", expenses.get_expense, path_id(), record(expense),
      "Get expense details by ID", label="Expense"),
    R("PUT", "/api/v1/expenses/{id}", expenses.update_expense, id_and_body(), record(expense),
      "Update an existing expense", fields=EXPENSE_IN, label="Expense"),
    R("DELETE", "/api/v1/expenses/{id}", expenses.delete_expense, path_id(), deleted,
      "Delete an expense", label="Expense"),
    R("GET", "/api/v1/expenses/categories", expenses.list_expense_categories, nothing,
      listing(rows_of("expense_categories")), "List all expense categories", query=params()),
]  # fmt: skip
