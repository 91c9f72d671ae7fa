"""Expenses: `category` and `currency` by id or name, the customer as `clientid`."""

from __future__ import annotations

from resolvers.expenses import ExpenseFields
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import READ_ONLY, Shape, customer_alias

EXPENSE_IN = FieldMap(
    fields={**customer_alias("clientid"), "paymentmode": "payment_mode",
            "expense_name": "name"},
    ignore=READ_ONLY | {"added_by_id", "invoice_id", "total_cycles"},
    model=ExpenseFields,
    required=("category", "amount", "date"),
    schema={"clientid": {"type": "integer", "description": "The customer's id"}},
)  # fmt: skip

EXPENSE = Shape(
    names={"category_id": "category", "currency_id": "currency", "customer_id": "clientid",
           "payment_mode_id": "paymentmode"},
    table="expenses",
)  # fmt: skip
