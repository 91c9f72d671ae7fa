"""Ledger accounts and the income/expense transactions booked on them (the v2 document)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Field

from resolvers.models.base import Named, Record, fk, money


class Account(Named, table=True):
    __tablename__ = "accounts"
    number: str = Field(default="", max_length=50)
    currency_id: int | None = fk("currencies.id", index=False)
    opening_balance: Decimal = money()


class Transaction(Record, table=True):
    __tablename__ = "transactions"
    # "income" or "expense"
    type: str = Field(max_length=10, index=True)
    account_id: int = fk("accounts.id", nullable=False)
    amount: Decimal = money(required=True)
    category_id: int | None = fk("expense_categories.id", index=False)
    description: str = ""
    date: dt.date = Field(index=True)
    payment_id: int | None = fk("payments.id", index=False)
    expense_id: int | None = fk("expenses.id", index=False)
