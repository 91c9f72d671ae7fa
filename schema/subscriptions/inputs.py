"""What a client writes on a subscription."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import strawberry

from schema.invoices.refs import TAX_NAMES, Ref, names_of, service_data
from schema.optional import optional


@strawberry.input
class SubscriptionInput:
    name: str | None = optional("Required on create.")
    description: str | None = strawberry.UNSET
    description_in_item: bool | None = strawberry.UNSET
    customer_id: strawberry.ID | None = optional("Required on create: a Customer.")
    project_id: strawberry.ID | None = optional("A Project of the same customer.")
    date: dt.date | None = strawberry.UNSET
    terms: str | None = strawberry.UNSET
    currency_id: strawberry.ID | None = optional("A Currency.")
    taxes: list[strawberry.ID] | None = optional("At most two Tax ids; [] clears them.")
    unit_price: Decimal | None = strawberry.UNSET
    quantity: int | None = strawberry.UNSET
    status: str | None = optional(
        "active (the default), future, past_due, unpaid, incomplete, canceled "
        "or incomplete_expired."
    )
    stripe_plan_id: str | None = strawberry.UNSET
    stripe_subscription_id: str | None = strawberry.UNSET
    stripe_tax_id_2: str | None = strawberry.UNSET
    next_billing_cycle: dt.datetime | None = strawberry.UNSET
    ends_at: dt.datetime | None = strawberry.UNSET
    date_subscribed: dt.datetime | None = strawberry.UNSET
    last_sent_at: dt.datetime | None = strawberry.UNSET
    in_test_environment: bool | None = strawberry.UNSET


REFS = {
    "customer_id": Ref("Customer"),
    "project_id": Ref("Project"),
    "currency_id": Ref("Currency", key="currency"),
    # The service caps the list at two (resolvers.line_items.taxes.MAX_TAXES).
    "taxes": Ref("Tax"),
}
NAMES = names_of(REFS, TAX_NAMES)


def subscription_data(input: SubscriptionInput) -> dict[str, Any]:
    return service_data(input, REFS)
