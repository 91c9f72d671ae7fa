"""What a client writes on an invoice."""

from __future__ import annotations

import datetime as dt

import strawberry

from schema.invoices.documents import DOCUMENT_REFS, DocumentInput
from schema.invoices.refs import Ref
from schema.invoices.types import InvoiceStatus
from schema.optional import optional


@strawberry.input
class InvoiceInput(DocumentInput):
    due_date: dt.date | None = strawberry.UNSET
    status: InvoiceStatus | None = optional(
        "UNPAID or DRAFT on create; UNPAID issues a draft. The rest follow payments."
    )
    subscription_id: strawberry.ID | None = optional("The Subscription that bills it.")
    sale_agent_id: strawberry.ID | None = optional("A Staff member.")
    allowed_payment_modes: list[strawberry.ID] | None = optional(
        "PaymentMode ids the customer may pay with."
    )
    cancel_overdue_reminders: bool | None = strawberry.UNSET
    recurring: int | None = optional("Repeat every n recurringTypes; 0 for never.")
    recurring_type: str | None = optional("day, week, month or year.")
    cycles: int | None = optional("How many times it recurs; 0 for no end.")
    tags: list[str] | None = strawberry.UNSET


REFS = {
    **DOCUMENT_REFS,
    "subscription_id": Ref("Subscription"),
    "sale_agent_id": Ref("Staff"),
    "allowed_payment_modes": Ref("PaymentMode"),
}
