"""The Subscription node and its edges. Its status is Stripe's, a word, kept as text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

import resolvers.invoices  # noqa: F401  (declares subscriptions.invoices)
import resolvers.reference  # noqa: F401  (registers currencies, taxes)
from resolvers.core.reading import Order
from resolvers.subscriptions import SUBSCRIPTIONS, get_subscription
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(SUBSCRIPTIONS, get_subscription)
@strawberry.type(name="Subscription", description="A recurring billing plan for a customer.")
class SubscriptionType(RowType, Node):
    name: str
    description: str
    description_in_item: bool
    date: dt.date | None
    terms: str
    unit_price: Decimal
    quantity: int
    status: str = strawberry.field(
        description="Stripe's: active, future, past_due, unpaid, incomplete, canceled or "
        "incomplete_expired."
    )
    stripe_plan_id: str
    stripe_subscription_id: str
    stripe_tax_id_2: str
    next_billing_cycle: dt.datetime | None
    ends_at: dt.datetime | None
    date_subscribed: dt.datetime | None
    last_sent_at: dt.datetime | None
    in_test_environment: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    customer = relation_field("customer")
    project = relation_field("project")
    currency = relation_field("currency")
    tax = relation_field("tax")
    tax2 = relation_field("tax2")
    created_by = relation_field("created_by")
    invoices = relation_field(
        "invoices", description="The invoices it billed.", order=[Order("date", "desc")]
    )
