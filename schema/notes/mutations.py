"""Writing notes on any record."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from resolvers import notes
from schema.ids import decode_id
from schema.lookups.references import renamed, service_data
from schema.notes.records import TYPE_NAMES
from schema.notes.types import NoteType
from schema.optional import optional
from schema.writes import mutations


@strawberry.enum(description="The kinds of record a note may be on.")
class NoteRelType(Enum):
    CUSTOMER = "customer"
    LEAD = "lead"
    INVOICE = "invoice"
    ESTIMATE = "estimate"
    CONTRACT = "contract"
    PROPOSAL = "proposal"
    PROJECT = "project"
    TASK = "task"
    EXPENSE = "expense"
    STAFF = "staff"
    TICKET = "ticket"


REFERENCES = {"staff_id": "Staff"}


@strawberry.input
class NoteInput:
    description: str | None = strawberry.UNSET
    date_contacted: datetime | None = strawberry.UNSET
    staff_id: strawberry.ID | None = optional(
        "The author; the caller's staff account if not given."
    )


@strawberry.input
class NoteCreateInput(NoteInput):
    rel_type: NoteRelType
    record_id: strawberry.ID = strawberry.field(
        description="The global id of the record, which must be of the relType."
    )


def note_data(input: NoteInput) -> dict[str, Any]:
    data = service_data(input, REFERENCES)
    if "record_id" in data:
        data["rel_id"] = decode_id(data.pop("record_id"), TYPE_NAMES[data["rel_type"]], "recordId")
    return data


NoteMutation = mutations(
    notes.NOTES,
    NoteType,
    create_input=NoteCreateInput,
    update_input=NoteInput,
    descriptions={"create": "A note on a record; it stays on that record."},
    data=note_data,
    names={**renamed(REFERENCES), "rel_id": "record_id"},
)
