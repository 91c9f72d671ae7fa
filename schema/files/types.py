"""The File node: an upload attached to a record. Where its bytes live is never shown."""

from __future__ import annotations

from datetime import datetime

import strawberry

import resolvers.tasks  # noqa: F401
import resolvers.tickets  # noqa: F401
from resolvers.files import FILES, REL_TYPES, get_file
from schema.context import Info
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType
from schema.notes.records import attached


@graph_node(FILES, get_file)
@strawberry.type(name="File")
class FileType(RowType, Node):
    rel_type: str = strawberry.field(description="What kind of record the file is on.")
    file_name: str = strawberry.field(description="The name shown and downloaded as.")
    content_type: str
    size: int = strawberry.field(description="In bytes.")
    sha256: str = strawberry.field(description="The SHA-256 digest of the bytes, in hex.")
    visible_to_customer: bool
    created_at: datetime
    updated_at: datetime
    staff = relation_field("staff", description="Who uploaded it, when a staff member did.")
    contact = relation_field("contact", description="Who uploaded it, when a contact did.")
    ticket_reply = relation_field("ticket_reply", description="The reply it came with.")
    task_comment = relation_field("task_comment", description="The comment it came with.")

    @strawberry.field(description="The record the file is attached to.")
    async def record(self, info: Info) -> Node | None:
        resource = REL_TYPES[self._row["rel_type"]][0]
        node: Node | None = await attached(info.context.ctx, resource, self._row["rel_id"])
        return node
