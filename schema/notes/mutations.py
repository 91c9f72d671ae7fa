"""Writing notes on any record."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from resolvers import notes
from resolvers.context import Row
from schema.context import Info
from schema.errors import Payload, mutate
from schema.lookups.references import naming, renamed, service_data
from schema.notes.records import record_pk
from schema.notes.types import NoteType


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


REFERENCES = {"staff_id": ("Staff", "staff_id")}


@strawberry.input
class NoteInput:
    description: str | None = strawberry.UNSET
    date_contacted: datetime | None = strawberry.UNSET
    staff_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The author; the caller's staff account if not given."
    )


@strawberry.input
class NoteCreateInput(NoteInput):
    rel_type: NoteRelType
    record_id: strawberry.ID = strawberry.field(
        description="The global id of the record, which must be of the relType."
    )


@strawberry.type
class NoteMutation:
    @strawberry.mutation(description="A note on a record; it stays on that record.")
    async def create_note(self, info: Info, input: NoteCreateInput) -> Payload[NoteType]:
        ctx = info.context.ctx

        async def write() -> Row:
            data = service_data(input, REFERENCES)
            data["rel_id"] = record_pk(data["rel_type"], data.pop("record_id"))
            return await notes.create_note(ctx, data)

        names = {**renamed(REFERENCES), "rel_id": "record_id"}
        return await mutate(lambda: naming(write, names), NoteType.from_row)

    @strawberry.mutation
    async def update_note(
        self, info: Info, id: strawberry.ID, input: NoteInput
    ) -> Payload[NoteType]:
        ctx = info.context.ctx

        async def write() -> Row:
            data = service_data(input, REFERENCES)
            return await notes.update_note(ctx, NoteType.pk_from(id), data)

        return await mutate(lambda: naming(write, renamed(REFERENCES)), NoteType.from_row)

    @strawberry.mutation
    async def delete_note(self, info: Info, id: strawberry.ID) -> Payload[NoteType]:
        ctx = info.context.ctx
        return await mutate(lambda: notes.delete_note(ctx, NoteType.pk_from(id)), NoteType.from_row)

    @strawberry.mutation
    async def restore_note(self, info: Info, id: strawberry.ID) -> Payload[NoteType]:
        ctx = info.context.ctx
        return await mutate(
            lambda: notes.restore_note(ctx, NoteType.pk_from(id)), NoteType.from_row
        )
