"""Credit notes: credit owed to a customer, refunded or applied to their invoices."""

from resolvers.credit_notes.credits import (
    apply_credit,
    delete_applied_credit,
    delete_refund,
    list_credits,
    list_refunds,
    refund_credit_note,
)
from resolvers.credit_notes.reads import (
    create_credit_note,
    delete_credit_note,
    get_credit_note,
    items_by_credit_note_id,
    list_credit_notes,
    restore_credit_note,
    update_credit_note,
)
from resolvers.credit_notes.resource import (
    CLOSED,
    CREDIT_NOTE_ITEMS,
    CREDIT_NOTES,
    CREDITS,
    OPEN,
    REFUNDS,
    RESOURCE,
    VOID,
)
from resolvers.credit_notes.rules import CreditNoteFields

__all__ = [
    "CLOSED",
    "CREDITS",
    "CREDIT_NOTES",
    "CREDIT_NOTE_ITEMS",
    "OPEN",
    "REFUNDS",
    "RESOURCE",
    "VOID",
    "CreditNoteFields",
    "apply_credit",
    "create_credit_note",
    "delete_applied_credit",
    "delete_credit_note",
    "delete_refund",
    "get_credit_note",
    "items_by_credit_note_id",
    "list_credit_notes",
    "list_credits",
    "list_refunds",
    "refund_credit_note",
    "restore_credit_note",
    "update_credit_note",
]
