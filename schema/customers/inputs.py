"""What a client sends to write customers: the customer's fields, and the contacts a new
customer may bring along."""

from __future__ import annotations

from typing import Any

import strawberry

from schema.inputs import given
from schema.optional import optional
from schema.splice import Splice, spliced, unset


@strawberry.input
class CustomerInput:
    company: str | None = strawberry.UNSET
    vat: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    address: str | None = strawberry.UNSET
    city: str | None = strawberry.UNSET
    state: str | None = strawberry.UNSET
    zip: str | None = strawberry.UNSET
    country: str | None = optional("ISO 3166 code, e.g. AE.")
    billing_street: str | None = strawberry.UNSET
    billing_city: str | None = strawberry.UNSET
    billing_state: str | None = strawberry.UNSET
    billing_zip: str | None = strawberry.UNSET
    billing_country: str | None = strawberry.UNSET
    shipping_street: str | None = strawberry.UNSET
    shipping_city: str | None = strawberry.UNSET
    shipping_state: str | None = strawberry.UNSET
    shipping_zip: str | None = strawberry.UNSET
    shipping_country: str | None = strawberry.UNSET
    default_language: str | None = strawberry.UNSET
    default_currency: str | None = optional("Currency code, e.g. USD.")
    active: bool | None = strawberry.UNSET


# What a new contact is written with, alone or with its new customer.
NEW_CONTACT = Splice(
    firstname=str, email=str, **dict.fromkeys(("lastname", "phone", "title"), unset(str | None))
)


@strawberry.input(description="A contact written with its new customer.")
@spliced
class CustomerContactInput:
    _contact: Splice = NEW_CONTACT
    is_primary: bool | None = optional(
        "Makes this the primary contact; the first one is, when none says so."
    )
    active: bool | None = strawberry.UNSET


@strawberry.input(description="One customer of a batch, with its contacts.")
class NewCustomerInput:
    customer: CustomerInput
    contacts: list[CustomerContactInput] | None = strawberry.field(
        default=None, description="Written with the customer, in the same transaction."
    )


def customer_data(
    input: CustomerInput, contacts: list[CustomerContactInput] | None
) -> dict[str, Any]:
    """The service's data for a customer and its contacts (left out when not sent)."""
    data = given(input)
    if contacts is not None:
        data["contacts"] = [given(contact) for contact in contacts]
    return data
