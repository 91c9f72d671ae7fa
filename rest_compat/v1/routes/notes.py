"""Notes on customers, leads, invoices and the other records, by rel_type and rel_id."""

from __future__ import annotations

from resolvers import notes
from resolvers.core.patterns import BLANK
from rest_compat.readers import any_case_of, either
from rest_compat.v1.fields.notes import NOTE, NOTE_IN
from rest_compat.v1.routes.common import (
    SEARCH,
    Q,
    shaped,
)
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows

FILTERS = (
    Q(
        "rel_type",
        description="customer, lead, invoice, estimate, contract, proposal, "
        "project, task, expense, staff",
        pattern=either(any_case_of(notes.REL_TYPES), BLANK),
    ),
    Q("rel_id", "integer"),
    Q("staff_id", "integer"),
    Q("date_from", "date", description="Added on or after this day (UTC)"),
    Q("date_to", "date", description="Added on or before this day (UTC)"),
    SEARCH,
)
note = shaped(NOTE)
NOTE_TITLES = {
    "list": "List all notes with pagination. Filterable by rel_type, rel_id, staff_id, "
    "date_from, date_to",
    "create": "Create a new note. Required: rel_type, rel_id, description. Valid rel_types: "
    "customer, lead, invoice, estimate, contract, proposal, project, task, expense, staff",
    "update": "Update an existing note. Cannot change rel_type or rel_id after creation",
}

ROUTES = [
    *crud_rows("/api/v1/notes", Noun("note", titles=NOTE_TITLES),
               Crud(notes.list_notes, notes.create_note, notes.get_note, notes.update_note,
                    notes.delete_note),
               note, NOTE_IN, FILTERS),
]  # fmt: skip
