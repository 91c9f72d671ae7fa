"""Writing custom fields: their definitions, and the values records carry."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.optional import optional


@strawberry.enum(description="How a custom field is filled in.")
class CustomFieldKind(Enum):
    INPUT = "input"
    NUMBER = "number"
    TEXTAREA = "textarea"
    SELECT = "select"
    MULTISELECT = "multiselect"
    CHECKBOX = "checkbox"
    DATE_PICKER = "date_picker"
    DATE_PICKER_TIME = "date_picker_time"
    COLORPICKER = "colorpicker"
    LINK = "link"


@strawberry.enum(description="The kind of record a custom field belongs to.")
class CustomFieldOwner(Enum):
    COMPANY = "company"
    LEADS = "leads"
    CUSTOMERS = "customers"
    CONTACTS = "contacts"
    STAFF = "staff"
    CONTRACTS = "contracts"
    TASKS = "tasks"
    EXPENSES = "expenses"
    INVOICES = "invoices"
    ITEMS = "items"
    NOTES = "notes"
    ESTIMATES = "estimates"
    PROPOSALS = "proposals"
    PROJECTS = "projects"
    TICKETS = "tickets"
    CREDIT_NOTES = "credit_notes"


@strawberry.input(description='A custom field\'s value for a record; null or "" clears it.')
class CustomFieldValueInput:
    custom_field_id: strawberry.ID
    value: str | None = strawberry.field(
        default=None,
        description="Text, a number, a date (YYYY-MM-DD), or for choice fields the chosen "
        "options as a JSON list or separated by commas.",
    )


@strawberry.input
class CustomFieldInput:
    field_to: CustomFieldOwner | None = optional("Fixed once the field is created.")
    name: str | None = strawberry.UNSET
    slug: str | None = optional("Made from the name when not given.")
    type: CustomFieldKind | None = strawberry.UNSET
    options: list[str] | None = optional("The choices of select, multiselect and checkbox.")
    required: bool | None = strawberry.UNSET
    field_order: int | None = strawberry.UNSET
    active: bool | None = strawberry.UNSET
    show_on_pdf: bool | None = strawberry.UNSET
    show_on_client_portal: bool | None = strawberry.UNSET
