"""Subscriptions: recurring billing plans for a customer."""

from __future__ import annotations

from resolvers import subscriptions
from rest_compat.v1.fields.subscriptions import SUBSCRIPTION, SUBSCRIPTION_IN
from rest_compat.v1.routes.common import (
    BY_CUSTOMER,
    SEARCH,
    Q,
    shaped,
)
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows

FILTERS = (
    *BY_CUSTOMER,
    Q("project_id", "integer"),
    Q("status", description="active, future, past_due, unpaid, incomplete, canceled..."),
    SEARCH,
)
subscription = shaped(SUBSCRIPTION)

NOUN = Noun("subscription", titles={"list": "List all subscriptions"})

ROUTES = [
    *crud_rows("/api/v1/subscriptions", NOUN,
               Crud(subscriptions.list_subscriptions, subscriptions.create_subscription,
                    subscriptions.get_subscription, subscriptions.update_subscription,
                    subscriptions.delete_subscription),
               subscription, SUBSCRIPTION_IN, FILTERS),
]  # fmt: skip
