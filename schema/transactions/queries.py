"""Reading transactions."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.transactions import TRANSACTIONS, list_transactions
from schema.fields import connection_field, record_field


@strawberry.type
class TransactionQuery:
    transaction = record_field(TRANSACTIONS)
    transactions = connection_field(
        TRANSACTIONS, list_transactions,
        description="Transactions, newest first unless ordered otherwise.",
        order=[Order("date", "desc")],
    )  # fmt: skip
