"""The Transaction node: income or expense booked on a ledger account."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

import resolvers.payments  # noqa: F401
from resolvers.transactions import TRANSACTIONS, get_transaction
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(TRANSACTIONS, get_transaction)
@strawberry.type(name="Transaction")
class TransactionType(RowType, Node):
    type: str = strawberry.field(description="income or expense.")
    amount: Decimal
    description: str
    date: dt.date
    created_at: dt.datetime
    updated_at: dt.datetime
    account = relation_field("account")
    category = relation_field("category")
    expense = relation_field("expense", description="The expense it books, if any.")
    payment = relation_field("payment", description="The payment it books, if any.")
