"""What a client writes on a proposal and a comment."""

from __future__ import annotations

import datetime as dt

import strawberry

from schema.custom_fields.inputs import CustomFieldValueInput
from schema.invoices.documents import PRICING
from schema.invoices.lines import LineItemInput
from schema.invoices.refs import Ref
from schema.optional import optional
from schema.proposals.types import ProposalParty, ProposalStatus
from schema.splice import Splice, spliced


@strawberry.input
@spliced
class ProposalInput:
    subject: str | None = optional("Required on create.")
    content: str | None = strawberry.UNSET
    rel_type: ProposalParty | None = optional(
        "Required on create: CUSTOMER with customerId, or LEAD with leadId."
    )
    customer_id: strawberry.ID | None = optional("A Customer.")
    lead_id: strawberry.ID | None = optional("A Lead.")
    proposal_to: str | None = optional(
        "Left out: from the customer or lead, as are email, phone and the address."
    )
    email: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    address: str | None = strawberry.UNSET
    city: str | None = strawberry.UNSET
    state: str | None = strawberry.UNSET
    zip: str | None = strawberry.UNSET
    country: str | None = optional("ISO 3166 code, e.g. AE.")
    date: dt.date | None = optional("Today when left out.")
    open_till: dt.date | None = strawberry.UNSET
    status: ProposalStatus | None = optional("DRAFT when left out on create.")
    assigned_id: strawberry.ID | None = optional("A Staff member.")
    allow_comments: bool | None = strawberry.UNSET
    tags: list[str] | None = strawberry.UNSET
    _pricing: Splice = PRICING
    items: list[LineItemInput] | None = optional(
        "The whole list of lines (optional): stored lines left out are removed."
    )
    custom_fields: list[CustomFieldValueInput] | None = optional(
        "Values of the proposals' custom fields."
    )


@strawberry.input
class ProposalCommentInput:
    content: str | None = optional("Required.")


REFS = {
    "customer_id": Ref("Customer"),
    "lead_id": Ref("Lead"),
    "assigned_id": Ref("Staff"),
    "currency_id": Ref("Currency", key="currency"),
}
