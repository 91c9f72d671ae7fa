"""Credit notes, their lines, refunds and applied credits as resources and graph edges."""

from __future__ import annotations

from resolvers.core.resources import Relation, relate
from resolvers.credit_notes.balance import CLOSED, OPEN, VOID
from resolvers.credit_notes.rules import KIND, RESOURCE, VERBS
from resolvers.line_items.relations import declare_document, declare_part
from resolvers.models import CreditApplied, CreditNoteRefund

CREDIT_NOTES, CREDIT_NOTE_ITEMS = declare_document(
    KIND, ("prefix", "reference_no", "admin_note", "client_note", "billing_street"), VERBS
)
relate(RESOURCE, "added_by", Relation("staff", "one", "added_by_id"))
REFUNDS = declare_part(KIND, "refunds", CreditNoteRefund, "Credit note refund", ("note",))
relate(REFUNDS.name, "payment_mode", Relation("payment_modes", "one", "payment_mode_id"))
relate(REFUNDS.name, "staff", Relation("staff", "one", "staff_id"))
CREDITS = declare_part(KIND, "credits", CreditApplied, "Applied credit")
relate(CREDITS.name, "invoice", Relation("invoices", "one", "invoice_id"))
relate("invoices", "credits", Relation(CREDITS.name, "many", "invoice_id"))
relate(CREDITS.name, "staff", Relation("staff", "one", "staff_id"))

__all__ = ["CLOSED", "CREDITS", "CREDIT_NOTES", "CREDIT_NOTE_ITEMS", "KIND", "OPEN", "REFUNDS",
           "RESOURCE", "VOID"]  # fmt: skip
