"""Credit notes, and the refunds and applied credits that spend them."""

from __future__ import annotations

from resolvers import credit_notes, documents
from rest_compat.readers import path_id
from rest_compat.v1.fields.credit_notes import CREDIT_NOTE_IN, credit_note
from rest_compat.v1.routes.common import BY_CUSTOMER, SEARCH, Parent, Q, rows_of
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows
from rest_compat.v1.routes.pdf import pdf_file

FILTERS = (
    *BY_CUSTOMER,
    Q("status", "integer", description="1 open, 2 closed, 3 void"),
    SEARCH,
)
get = credit_notes.get_credit_note
CREDIT_NOTE = Parent("/api/v1/credit-notes", get, "Credit note")

NOUN = Noun("credit note", titles={"list": "List all credit notes"})

ROUTES = [
    *crud_rows("/api/v1/credit-notes", NOUN,
               Crud(credit_notes.list_credit_notes, credit_notes.create_credit_note, get,
                    credit_notes.update_credit_note, credit_notes.delete_credit_note),
               credit_note, CREDIT_NOTE_IN, FILTERS),
    CREDIT_NOTE.checked("refunds", credit_notes.list_refunds, rows_of("credit_note_refunds"),
                        "List refunds for a credit note"),
    CREDIT_NOTE.under("credits", credit_notes.list_credits, "credit_note_id",
                      rows_of("credits_applied"), "List applied credits for a credit note"),
    CREDIT_NOTE.row("GET", "pdf", documents.credit_note_pdf, path_id(), pdf_file,
                    "Download credit note as PDF"),
]  # fmt: skip
