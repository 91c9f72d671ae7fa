"""Reading subscriptions."""

from __future__ import annotations

import strawberry

from resolvers.subscriptions import SUBSCRIPTIONS, list_subscriptions
from schema.roots import roots


@strawberry.type
class SubscriptionQuery:
    subscription, subscriptions = roots(SUBSCRIPTIONS, list_subscriptions)
