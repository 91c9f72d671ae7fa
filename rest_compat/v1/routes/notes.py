"""Notes on customers, leads, invoices and the other records, by rel_type and rel_id."""

from __future__ import annotations

from resolvers import notes
from rest_compat.readers import body, id_and_body, path_id
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.notes import NOTE, NOTE_IN
from rest_compat.v1.routes.common import (
    SEARCH,
    Q,
    deleted,
    listing,
    pages,
    params,
    record,
    shaped,
)

FILTERS = (
    Q(
        "rel_type",
        description="customer, lead, invoice, estimate, contract, proposal, "
        "project, task, expense, staff",
    ),
    Q("rel_id", "integer"),
    Q("staff_id", "integer"),
    Q("date_from", "date", description="Added on or after this day (UTC)"),
    Q("date_to", "date", description="Added on or before this day (UTC)"),
    SEARCH,
)
note = shaped(NOTE)

ROUTES = [
    R("GET", "/api/v1/notes", notes.list_notes, pages(*FILTERS), listing(note),
      "List all notes with pagination. Filterable by rel_type, rel_id, staff_id, date_from, "
      "date_to", query=params(*FILTERS)),
    R("GET", "/api/v1/notes/{id}", notes.get_note, path_id(), record(note),
      "Get note details by ID", label="Note"),
    R("POST", "/api/v1/notes", notes.create_note, body(), record(note, 201),
      "Create a new note. Required: rel_type, rel_id, description. Valid rel_types: "
      "customer, lead, invoice, estimate, contract, proposal, project, task, expense, staff",
      fields=NOTE_IN, status=201),
    R("PUT", "/api/v1/notes/{id}", notes.update_note, id_and_body(), record(note),
      "Update an existing note. Cannot change rel_type or rel_id after creation",
      fields=NOTE_IN, label="Note"),
    R("DELETE", "/api/v1/notes/{id}", notes.delete_note, path_id(), deleted, "Delete a note",
      label="Note"),
]  # fmt: skip
