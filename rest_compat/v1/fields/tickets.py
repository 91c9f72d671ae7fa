"""Tickets and their replies: `priority` and `status` as the document sends them."""

from __future__ import annotations

from resolvers.tickets import TicketFields
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import READ_ONLY, Shape, customer_alias

TICKET_IN = FieldMap(
    fields={**customer_alias("customer_id"), "contactid": "contact_id",
            "department": "department_id", "service": "service_id", "assigned": "assigned_id"},
    ignore=READ_ONLY | {"opened_by_id", "last_reply_at", "client_read", "admin_read"},
    model=TicketFields,
    required=("subject",),
    schema={"priority": {"type": ["integer", "string"], "description": "An id or a name"},
            "status": {"type": ["integer", "string"],
                       "description": "An id or a name: open, answered, resolved..."}},
)  # fmt: skip

TICKET = Shape(names={"priority_id": "priority", "status_id": "status"}, table="tickets")
REPLY = Shape(table="ticket_replies")
