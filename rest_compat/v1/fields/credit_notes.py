"""Credit notes: the customer as `clientid`, lines in `items`."""

from __future__ import annotations

from resolvers import credit_notes
from resolvers.credit_notes import CreditNoteFields
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import Shape, customer_alias
from rest_compat.v1.fields.documents import DOCUMENT_NAMES, DOCUMENT_READ_ONLY, priced

CREDIT_NOTE_IN = FieldMap(
    fields=customer_alias("clientid"),
    ignore=DOCUMENT_READ_ONLY,
    model=CreditNoteFields,
    required=("clientid", "items"),
    schema={"clientid": {"type": "integer", "description": "The customer's id"}},
)

CREDIT_NOTE = Shape(names={**DOCUMENT_NAMES, "customer_id": "clientid"}, table="credit_notes")
credit_note = priced(
    credit_notes.RESOURCE, CREDIT_NOTE, credit_notes.items_by_credit_note_id, "credit_note_items"
)
