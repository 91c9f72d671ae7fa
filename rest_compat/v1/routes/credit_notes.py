"""Credit notes, and the refunds and applied credits that spend them."""

from __future__ import annotations

from resolvers import credit_notes, documents
from rest_compat.readers import body, id_and_body, path_id
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.credit_notes import CREDIT_NOTE_IN, credit_note
from rest_compat.v1.routes.common import (
    SEARCH,
    Q,
    checked,
    deleted,
    listing,
    pages,
    params,
    parent_pages,
    record,
    rows_of,
    under,
)
from rest_compat.v1.routes.pdf import pdf_file

FILTERS = (
    Q("clientid", "integer", "customer_id", "The customer's id"),
    Q("customer_id", "integer"),
    Q("status", "integer", description="1 open, 2 closed, 3 void"),
    SEARCH,
)
get = credit_notes.get_credit_note

ROUTES = [
    R("GET", "/api/v1/credit-notes", credit_notes.list_credit_notes, pages(*FILTERS),
      listing(credit_note), "List all credit notes", query=params(*FILTERS)),
    R("POST", "/api/v1/credit-notes", credit_notes.create_credit_note, body(),
      record(credit_note, 201), "Create a new credit note", fields=CREDIT_NOTE_IN, status=201),
    R("GET", "/api/v1/credit-notes/{id}", get, path_id(), record(credit_note),
      "Get credit note details by ID", label="Credit note"),
    R("PUT", "/api/v1/credit-notes/{id}", credit_notes.update_credit_note, id_and_body(),
      record(credit_note), "Update an existing credit note", fields=CREDIT_NOTE_IN,
      label="Credit note"),
    R("DELETE", "/api/v1/credit-notes/{id}", credit_notes.delete_credit_note, path_id(),
      deleted, "Delete a credit note", label="Credit note"),
    R("GET", "/api/v1/credit-notes/{id}/refunds",
      checked(get, "Credit note", credit_notes.list_refunds), parent_pages(),
      listing(rows_of("credit_note_refunds")), "List refunds for a credit note", query=params(),
      label="Credit note"),
    R("GET", "/api/v1/credit-notes/{id}/credits",
      under(get, "Credit note", credit_notes.list_credits, "credit_note_id"), parent_pages(),
      listing(rows_of("credits_applied")), "List applied credits for a credit note", query=params(),
      label="Credit note"),
    R("GET", "/api/v1/credit-notes/{id}/pdf", documents.credit_note_pdf, path_id(), pdf_file,
      "Download credit note as PDF", label="Credit note"),
]  # fmt: skip
