"""Writing subscriptions: the generated create, update, delete and restore."""

from __future__ import annotations

from resolvers import subscriptions
from schema.subscriptions.inputs import NAMES, SubscriptionInput, subscription_data
from schema.subscriptions.types import SubscriptionType
from schema.writes import mutations

SubscriptionMutation = mutations(
    subscriptions.SUBSCRIPTIONS,
    SubscriptionType,
    input=SubscriptionInput,
    data=subscription_data,
    names=NAMES,
)
