"""Credit notes: reading them; their ordinary verbs (void and reopen by update too) are
declared with the resource (resolvers.credit_notes.rules)."""

from __future__ import annotations

from resolvers.core.ordinary import operations
from resolvers.credit_notes.resource import CREDIT_NOTES, KIND
from resolvers.line_items.reads import BY_CUSTOMER, BY_STATUS, document_reads

READS = document_reads(CREDIT_NOTES, KIND, __name__, BY_CUSTOMER | BY_STATUS)
get_credit_note, list_credit_notes, items_by_credit_note_id = READS.get, READS.pages, READS.lines

# The ordinary verbs, as operations for the REST rows; GraphQL generates its own.
create_credit_note, update_credit_note, delete_credit_note, restore_credit_note = operations(
    CREDIT_NOTES
)
