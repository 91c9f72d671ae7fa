"""Writing leads, and converting one into a customer."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from resolvers import leads
from schema.custom_fields.inputs import CustomFieldValueInput
from schema.customers.types import CustomerType
from schema.leads.types import LeadType
from schema.lookups.references import References, renamed, service_data
from schema.optional import optional
from schema.verbs import verb
from schema.writes import mutations

REFERENCES: References = {
    "status_id": ("LeadStatus", "status"),
    "source_id": ("LeadSource", "source"),
    "country_id": ("Country", "country"),
    "assigned_id": "Staff",
}
CONVERSION = {"default_currency_id": ("Currency", "default_currency")}


@strawberry.input
class LeadInput:
    name: str | None = strawberry.UNSET
    title: str | None = strawberry.UNSET
    company: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    address: str | None = strawberry.UNSET
    city: str | None = strawberry.UNSET
    state: str | None = strawberry.UNSET
    zip: str | None = strawberry.UNSET
    country_id: strawberry.ID | None = strawberry.UNSET
    default_language: str | None = strawberry.UNSET
    status_id: strawberry.ID | None = optional("The default status when a lead is created.")
    source_id: strawberry.ID | None = optional("The first source when a lead is created.")
    assigned_id: strawberry.ID | None = optional("A Staff id.")
    is_public: bool | None = strawberry.UNSET
    tags: list[str] | None = strawberry.UNSET
    lead_value: Decimal | None = strawberry.UNSET
    last_contact_at: datetime | None = strawberry.UNSET
    contacted_today: bool | None = optional("true sets the last contact to now.")
    lost: bool | None = strawberry.UNSET
    junk: bool | None = strawberry.UNSET
    custom_fields: list[CustomFieldValueInput] | None = strawberry.UNSET


@strawberry.input(description="What the new customer takes instead of the lead's own values.")
class LeadConversionInput:
    company: str | None = strawberry.UNSET
    vat: str | None = strawberry.UNSET
    default_currency_id: strawberry.ID | None = strawberry.UNSET
    firstname: str | None = strawberry.UNSET
    lastname: str | None = strawberry.UNSET
    email: str | None = optional("The primary contact's; the lead's when not given.")
    phone: str | None = strawberry.UNSET
    title: str | None = strawberry.UNSET


LeadMutation = mutations(leads.LEADS, LeadType, input=LeadInput, references=REFERENCES)


@strawberry.type
class LeadConversionMutation:
    convert_lead = verb(
        leads.convert_lead, LeadType, returns=CustomerType, input=LeadConversionInput,
        data=lambda input: {} if input is None else service_data(input, CONVERSION),
        names=renamed(CONVERSION), required=False,
        description="Make the lead a customer with a primary contact; a lead converts once.",
    )  # fmt: skip
