"""What a client writes on a credit note, a refund and an applied credit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from schema.credit_notes.types import CreditNoteStatus
from schema.invoices.documents import DocumentInput
from schema.invoices.refs import Ref, names_of
from schema.optional import optional


@strawberry.input
class CreditNoteInput(DocumentInput):
    reference_no: str | None = strawberry.UNSET
    status: CreditNoteStatus | None = optional(
        "VOID voids the note (while nothing was refunded or applied), OPEN "
        "reopens it; CLOSED follows from what remains."
    )


@strawberry.input
class RefundInput:
    amount: Decimal | None = optional("Required; at most what remains of the note.")
    refunded_on: dt.date | None = optional("Today when left out.")
    payment_mode_id: strawberry.ID | None = optional("A PaymentMode.")
    note: str | None = strawberry.UNSET


@strawberry.input
class ApplyCreditInput:
    invoice_id: strawberry.ID | None = optional(
        "Required: an issued Invoice of the note's customer."
    )
    amount: Decimal | None = optional("Required; at most what remains and what is due.")
    date: dt.date | None = optional("Today when left out.")


REFUND_REFS = {"payment_mode_id": Ref("PaymentMode", key="payment_mode")}
REFUND_NAMES = names_of(REFUND_REFS)
CREDIT_REFS = {"invoice_id": Ref("Invoice")}
