"""Subscriptions: the customer as `clientid`."""

from __future__ import annotations

from resolvers.subscriptions import SubscriptionFields
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import READ_ONLY, Shape, customer_alias

SUBSCRIPTION_IN = FieldMap(
    fields=customer_alias("clientid"),
    ignore=READ_ONLY | {"created_by_id"},
    model=SubscriptionFields,
    required=("name", "clientid"),
    schema={"clientid": {"type": "integer", "description": "The customer's id"}},
)

SUBSCRIPTION = Shape(names={"customer_id": "clientid", "currency_id": "currency"},
                     table="subscriptions")  # fmt: skip
