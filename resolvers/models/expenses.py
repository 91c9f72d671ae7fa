"""Expenses, optionally billable to a customer or project."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Field

from resolvers.models.base import Record, fk, money


class Expense(Record, table=True):
    __tablename__ = "expenses"
    name: str = Field(default="", max_length=191)
    category_id: int = fk("expense_categories.id", nullable=False)
    currency_id: int | None = fk("currencies.id", index=False)
    amount: Decimal = money(required=True)
    tax_id: int | None = fk("taxes.id", index=False)
    tax2_id: int | None = fk("taxes.id", index=False)
    reference_no: str = Field(default="", max_length=100)
    note: str = ""
    customer_id: int | None = fk("customers.id")
    project_id: int | None = fk("projects.id")
    billable: bool = False
    invoice_id: int | None = fk("invoices.id", index=False)
    payment_mode_id: int | None = fk("payment_modes.id", index=False)
    date: dt.date = Field(index=True)
    recurring: bool = False
    recurring_type: str | None = Field(default=None, max_length=10)
    repeat_every: int = 0
    cycles: int = 0
    total_cycles: int = 0
    added_by_id: int | None = fk("staff.id", index=False)
