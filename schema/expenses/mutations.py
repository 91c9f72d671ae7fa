"""Writing expenses: the generated create, update, delete and restore."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from resolvers import expenses
from schema.custom_fields.inputs import CustomFieldValueInput
from schema.expenses.types import ExpenseType
from schema.lookups.references import References
from schema.optional import optional
from schema.writes import mutations

REFERENCES: References = {
    "category_id": ("ExpenseCategory", "category"),
    "currency_id": ("Currency", "currency"),
    "tax_id": "Tax",
    "tax2_id": "Tax",
    "payment_mode_id": ("PaymentMode", "payment_mode"),
    "customer_id": "Customer",
    "project_id": "Project",
}


@strawberry.input
class ExpenseInput:
    name: str | None = strawberry.UNSET
    category_id: strawberry.ID | None = optional("Required on create.")
    amount: Decimal | None = optional("Required on create; more than 0.")
    date: dt.date | None = optional("Required on create.")
    currency_id: strawberry.ID | None = optional("The default currency when not given.")
    tax_id: strawberry.ID | None = strawberry.UNSET
    tax2_id: strawberry.ID | None = strawberry.UNSET
    payment_mode_id: strawberry.ID | None = strawberry.UNSET
    reference_no: str | None = strawberry.UNSET
    note: str | None = strawberry.UNSET
    customer_id: strawberry.ID | None = strawberry.UNSET
    project_id: strawberry.ID | None = optional("The expense becomes the project customer's.")
    billable: bool | None = strawberry.UNSET
    recurring: bool | None = strawberry.UNSET
    recurring_type: str | None = optional("day, week, month or year.")
    repeat_every: int | None = strawberry.UNSET
    cycles: int | None = strawberry.UNSET
    custom_fields: list[CustomFieldValueInput] | None = strawberry.UNSET


ExpenseMutation = mutations(
    expenses.EXPENSES,
    ExpenseType,
    input=ExpenseInput,
    references=REFERENCES,
)
