"""Booking and removing transactions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum

import strawberry

from resolvers import transactions
from resolvers.core.context import Row
from schema.context import Info
from schema.errors import Payload, mutate
from schema.lookups.references import naming, renamed, service_data
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


@strawberry.type
class TransactionMutation:
    @strawberry.mutation
    async def record_transaction(
        self, info: Info, input: TransactionInput
    ) -> Payload[TransactionType]:
        ctx = info.context.ctx

        async def write() -> Row:
            data = service_data(input, REFERENCES)
            if data.get("description") is None:
                data.pop("description", None)
            return await transactions.record_transaction(ctx, data)

        return await mutate(lambda: naming(write, renamed(REFERENCES)), TransactionType.from_row)


TransactionDeleteMutation = mutations(transactions.TRANSACTIONS, TransactionType)
