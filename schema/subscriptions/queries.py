"""Reading subscriptions."""

from __future__ import annotations

import strawberry

from resolvers.subscriptions import SUBSCRIPTIONS, list_subscriptions
from schema.fields import connection_field, record_field
from schema.subscriptions.types import SubscriptionType

__all__ = ["SubscriptionQuery", "SubscriptionType"]


@strawberry.type
class SubscriptionQuery:
    subscription = record_field(SUBSCRIPTIONS)
    subscriptions = connection_field(SUBSCRIPTIONS, list_subscriptions)
