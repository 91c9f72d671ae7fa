"""Reading notes."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.notes import NOTES, list_notes
from schema.fields import connection_field, record_field


@strawberry.type
class NoteQuery:
    note = record_field(NOTES)
    notes = connection_field(
        NOTES, list_notes, description="Notes, newest first unless ordered otherwise.",
        order=[Order("created_at", "desc")],
    )  # fmt: skip
