"""Reading notes."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.notes import NOTES, list_notes
from schema.roots import roots


@strawberry.type
class NoteQuery:
    note, notes = roots(
        NOTES, list_notes, description="Notes, newest first unless ordered otherwise.",
        order=[Order("created_at", "desc")],
    )  # fmt: skip
