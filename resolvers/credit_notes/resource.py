"""Credit notes, their lines, refunds and applied credits as resources and graph edges."""

from __future__ import annotations

from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.credit_notes.balance import CLOSED, OPEN, VOID
from resolvers.credit_notes.rules import KIND, RESOURCE, VERBS
from resolvers.line_items.relations import declare_document
from resolvers.models import CreditApplied, CreditNote, CreditNoteItem, CreditNoteRefund

CREDIT_NOTES, CREDIT_NOTE_ITEMS = declare_document(
    KIND, CreditNote, CreditNoteItem,
    ("prefix", "reference_no", "admin_note", "client_note", "billing_street"), VERBS,
)  # fmt: skip
REFUNDS = register(
    Resource(
        name="credit_note_refunds",
        model=CreditNoteRefund,
        label="Credit note refund",
        search=("note",),
        permission=RESOURCE,
    )
)
CREDITS = register(
    Resource(name="credits_applied", model=CreditApplied, label="Applied credit",
             permission=RESOURCE)
)  # fmt: skip

relate(RESOURCE, "added_by", Relation("staff", "one", "added_by_id"))
relate(RESOURCE, "refunds", Relation(REFUNDS.name, "many", "credit_note_id"))
relate(REFUNDS.name, "credit_note", Relation(RESOURCE, "one", "credit_note_id"))
relate(REFUNDS.name, "payment_mode", Relation("payment_modes", "one", "payment_mode_id"))
relate(REFUNDS.name, "staff", Relation("staff", "one", "staff_id"))
relate(RESOURCE, "credits", Relation(CREDITS.name, "many", "credit_note_id"))
relate(CREDITS.name, "credit_note", Relation(RESOURCE, "one", "credit_note_id"))
relate(CREDITS.name, "invoice", Relation("invoices", "one", "invoice_id"))
relate("invoices", "credits", Relation(CREDITS.name, "many", "invoice_id"))
relate(CREDITS.name, "staff", Relation("staff", "one", "staff_id"))

__all__ = ["CLOSED", "CREDITS", "CREDIT_NOTES", "CREDIT_NOTE_ITEMS", "KIND", "OPEN", "REFUNDS",
           "RESOURCE", "STATUS_NAMES", "VOID"]  # fmt: skip
STATUS_NAMES = {OPEN: "Open", CLOSED: "Closed", VOID: "Void"}
