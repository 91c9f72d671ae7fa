"""Subscriptions: recurring billing plans for a customer."""

from __future__ import annotations

from resolvers import subscriptions
from rest_compat.readers import body, id_and_body, path_id
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.subscriptions import SUBSCRIPTION, SUBSCRIPTION_IN
from rest_compat.v1.routes.common import (
    SEARCH,
    Q,
    deleted,
    listing,
    pages,
    params,
    record,
    shaped,
)

FILTERS = (
    Q("clientid", "integer", "customer_id", "The customer's id"),
    Q("customer_id", "integer"),
    Q("project_id", "integer"),
    Q("status", description="active, future, past_due, unpaid, incomplete, canceled..."),
    SEARCH,
)
subscription = shaped(SUBSCRIPTION)

ROUTES = [
    R("GET", "/api/v1/subscriptions", subscriptions.list_subscriptions, pages(*FILTERS),
      listing(subscription), "List all subscriptions", query=params(*FILTERS)),
    R("POST", "/api/v1/subscriptions", subscriptions.create_subscription, body(),
      record(subscription, 201), "Create a new subscription", fields=SUBSCRIPTION_IN,
      status=201),
    R("GET", "/api/v1/subscriptions/{id}", subscriptions.get_subscription, path_id(),
      record(subscription), "Get subscription details by ID", label="Subscription"),
    R("PUT", "/api/v1/subscriptions/{id}", subscriptions.update_subscription, id_and_body(),
      record(subscription), "Update an existing subscription", fields=SUBSCRIPTION_IN,
      label="Subscription"),
    R("DELETE", "/api/v1/subscriptions/{id}", subscriptions.delete_subscription, path_id(),
      deleted, "Delete a subscription", label="Subscription"),
]  # fmt: skip
