"""Writing credit notes (the generated create, update, delete and restore), refunding
them and applying them to invoices."""

from __future__ import annotations

from functools import partial

import strawberry

from resolvers import credit_notes
from schema.credit_notes.inputs import (
    CREDIT_REFS,
    REFUND_NAMES,
    REFUND_REFS,
    ApplyCreditInput,
    CreditNoteInput,
    RefundInput,
)
from schema.credit_notes.types import CreditAppliedType, CreditNoteRefundType, CreditNoteType
from schema.invoices.documents import DOCUMENT_REFS, document_writes
from schema.invoices.refs import service_data
from schema.verbs import verb

CreditNoteWrites = document_writes(
    credit_notes.CREDIT_NOTES,
    CreditNoteType,
    CreditNoteInput,
    DOCUMENT_REFS,
    {
        "create": "A new open credit note worth its lines' total.",
        "update": "Change a credit note; VOID voids it, OPEN reopens it.",
        "delete": "Delete a credit note without refunds or credits applied.",
    },
)


@strawberry.type
class CreditNoteMutation(CreditNoteWrites):  # type: ignore[valid-type, misc]
    refund_credit_note = verb(
        credit_notes.refund_credit_note,
        CreditNoteType,
        returns=CreditNoteRefundType,
        input=RefundInput,
        data=partial(service_data, refs=REFUND_REFS),
        names=REFUND_NAMES,
        description="Pay back part of what remains of a credit note.",
    )
    delete_refund = verb(
        credit_notes.delete_refund,
        CreditNoteRefundType,
        description="Take a refund back: its amount is credit again.",
    )
    apply_credit = verb(
        credit_notes.apply_credit,
        CreditNoteType,
        returns=CreditAppliedType,
        input=ApplyCreditInput,
        data=partial(service_data, refs=CREDIT_REFS),
        description="Apply part of a credit note to an invoice of the same customer; the "
        "invoice's amount due and status follow.",
    )
    delete_applied_credit = verb(
        credit_notes.delete_applied_credit,
        CreditAppliedType,
        description="Take an applied credit back: the invoice owes it again.",
    )
