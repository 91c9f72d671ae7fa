"""The Ticket node and its replies."""

from __future__ import annotations

from datetime import datetime

import strawberry

# The modules that declare tickets' edges to their records.
import resolvers.files  # noqa: F401
import resolvers.notes  # noqa: F401
from resolvers.core.reading import Order
from resolvers.tickets import REPLIES, TICKETS, get_ticket
from schema.activity.types import activity_field
from schema.custom_fields.types import custom_fields_field
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType
from schema.projects.refs import fetch_of


@graph_node(TICKETS, get_ticket)
@strawberry.type(name="Ticket")
class TicketType(RowType, Node):
    subject: str
    message: str
    name: str = strawberry.field(description="Who raised it, when not a contact.")
    email: str = strawberry.field(description="Their email, when not a contact.")
    cc: str
    tags: str = strawberry.field(description="Comma-separated.")
    last_reply_at: datetime | None
    client_read: bool
    admin_read: bool
    created_at: datetime
    updated_at: datetime
    customer = relation_field("customer")
    contact = relation_field("contact", description="The contact who raised it.")
    department = relation_field("department")
    priority = relation_field("priority")
    status = relation_field("status")
    service = relation_field("service")
    project = relation_field("project")
    assignee = relation_field("assignee", description="The staff member handling it.")
    opened_by = relation_field("opened_by", description="The staff member who opened it.")
    replies = relation_field("replies", order=[Order("created_at")])
    attachments = relation_field("attachments")
    notes = relation_field("notes")
    custom_fields = custom_fields_field("tickets")
    history = activity_field(
        "ticket", description="What happened to the ticket and its replies, oldest first."
    )


@graph_node(REPLIES, fetch_of(REPLIES))
@strawberry.type(name="TicketReply")
class TicketReplyType(RowType, Node):
    message: str
    name: str = strawberry.field(description="The sender's name, when neither staff nor a contact.")
    email: str
    cc: str
    created_at: datetime
    updated_at: datetime
    ticket = relation_field("ticket")
    staff = relation_field("staff", description="The author, when a staff member.")
    contact = relation_field("contact", description="The author, when a contact.")
    attachments = relation_field("attachments", description="Files sent with the reply.")
