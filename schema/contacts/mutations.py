"""Writing a customer's contacts: the ordinary verbs, generated from their declaration."""

from __future__ import annotations

import strawberry

from resolvers.contacts import CONTACTS
from schema.contacts.types import ContactType
from schema.customers.inputs import NEW_CONTACT
from schema.optional import optional
from schema.splice import Splice, spliced
from schema.writes import mutations

REFERENCES = {"customer_id": "Customer"}


@strawberry.input
class ContactInput:
    firstname: str | None = strawberry.UNSET
    lastname: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    title: str | None = strawberry.UNSET
    is_primary: bool | None = optional(
        "Makes this the customer's primary contact (the previous one stops being it)."
    )
    active: bool | None = strawberry.UNSET
    customer_id: strawberry.ID | None = optional("Moves the contact to this customer.")


@strawberry.input
@spliced
class ContactCreateInput:
    customer_id: strawberry.ID = strawberry.field(
        description="The global id of the customer the contact belongs to."
    )
    _contact: Splice = NEW_CONTACT
    is_primary: bool | None = optional(
        "Makes this the primary contact; a customer's first contact always is."
    )
    active: bool | None = strawberry.UNSET


ContactMutation = mutations(
    CONTACTS,
    ContactType,
    create_input=ContactCreateInput,
    update_input=ContactInput,
    references=REFERENCES,
    descriptions={
        "create": "A contact of a customer.",
        "delete": "Deletes a contact; the customer's primary contact cannot be deleted.",
    },
)
