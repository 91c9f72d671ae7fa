"""The Note node: a note on any record."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers.notes import NOTES, REL_TYPES, get_note
from schema.context import Info
from schema.custom_fields.types import custom_fields_field
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType
from schema.notes.records import attached


@graph_node(NOTES, get_note)
@strawberry.type(name="Note")
class NoteType(RowType, Node):
    rel_type: str = strawberry.field(description="What kind of record the note is on.")
    description: str
    date_contacted: datetime | None = strawberry.field(
        description="When the customer or lead was contacted, for notes of a contact."
    )
    created_at: datetime
    updated_at: datetime
    staff = relation_field("staff", description="The author.")
    custom_fields = custom_fields_field("notes")

    @strawberry.field(description="The record the note is on.")
    async def record(self, info: Info) -> Node | None:
        resource = REL_TYPES[self._row["rel_type"]][0]
        node: Node | None = await attached(info.context.ctx, resource, self._row["rel_id"])
        return node
