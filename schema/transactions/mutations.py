"""Booking and removing transactions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable
from decimal import Decimal
from enum import Enum

import strawberry

from resolvers import transactions
from resolvers.core.context import Ctx, Row
from schema.calls import mutation
from schema.lookups.references import renamed, service_data
from schema.optional import optional
from schema.transactions.types import TransactionType
from schema.writes import mutations


@strawberry.enum(name="TransactionKind")
class TransactionKind(Enum):
    INCOME = "income"
    EXPENSE = "expense"


REFERENCES = {
    "account_id": "Account",
    "category_id": "ExpenseCategory",
}


@strawberry.input
class TransactionInput:
    type: TransactionKind
    account_id: strawberry.ID
    amount: Decimal = strawberry.field(description="More than 0.")
    category_id: strawberry.ID | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    date: dt.date | None = optional("Today (UTC) when not given.")


def _record(ctx: Ctx, input: TransactionInput) -> Awaitable[Row]:
    data = service_data(input, REFERENCES)
    if data.get("description") is None:
        data.pop("description", None)
    return transactions.record_transaction(ctx, data)


@strawberry.type
class TransactionMutation:
    record_transaction = mutation(
        TransactionType, {"input": TransactionInput}, _record, names=renamed(REFERENCES)
    )


TransactionDeleteMutation = mutations(transactions.TRANSACTIONS, TransactionType)
