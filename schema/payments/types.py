"""The Payment node and its edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

import resolvers.reference  # noqa: F401  (registers payment_modes)
from resolvers.payments import PAYMENTS, get_payment
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(PAYMENTS, get_payment)
@strawberry.type(name="Payment")
class PaymentType(RowType, Node):
    amount: Decimal
    date: dt.date
    payment_method: str = strawberry.field(description="How it was paid, in the payer's words.")
    transaction_id: str
    note: str
    created_at: dt.datetime
    updated_at: dt.datetime
    invoice = relation_field("invoice")
    payment_mode = relation_field("payment_mode")
    recorded_by = relation_field("recorded_by", description="The staff member who recorded it.")
