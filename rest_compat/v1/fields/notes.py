"""Notes on a record by `rel_type` and `rel_id`."""

from __future__ import annotations

from resolvers.notes import NoteCreate
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import READ_ONLY, Shape

NOTE_IN = FieldMap(
    fields={},
    ignore=READ_ONLY,
    model=NoteCreate,
    required=("rel_type", "rel_id", "description"),
)

NOTE = Shape(table="notes")
