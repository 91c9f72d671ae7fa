"""Reading credit notes, their lines, refunds and applied credits."""

from __future__ import annotations

from resolvers.core.reading import Order
from resolvers.credit_notes import (
    CREDIT_NOTE_ITEMS,
    CREDIT_NOTES,
    CREDITS,
    REFUNDS,
    list_credit_notes,
)
from schema.fields import connection_field, record_field
from schema.priced import document_query

CreditNoteQuery = document_query(
    CREDIT_NOTES, list_credit_notes, CREDIT_NOTE_ITEMS,
    credit_note_refund=record_field(REFUNDS),
    credit_note_refunds=connection_field(REFUNDS, order=[Order("refunded_on")]),
    credit_applied=record_field(CREDITS),
    credits_applied=connection_field(CREDITS, order=[Order("date")]),
)  # fmt: skip
