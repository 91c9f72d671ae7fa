"""Support tickets and their replies in Perfex's names."""

from __future__ import annotations

from resolvers import tickets
from resolvers.tickets.replies import ReplyCreate
from rest_compat.perfex import neighbours
from rest_compat.perfex.bodies import reference
from rest_compat.perfex.formats import PERFEX
from rest_compat.perfex.neighbours import CustomValue
from rest_compat.records import const, given
from rest_compat.renames import FieldMap

TICKET_IN = FieldMap(
    fields={
        "contactid": reference("contact_id"),
        "userid": reference("customer_id"),
        "department": reference("department_id"),
        "service": reference("service_id"),
        "assigned": reference("assigned_id"),
        "project_id": reference("project_id"),
    },
    ignore=frozenset(
        {
            "id",
            "ticketid",
            "ticketkey",
            "date",
            "lastreply",
            "adminreplying",
            "clientread",
            "adminread",
            "admin",
            "customfields",
            "merged_ticket_id",
        }
    ),  # fmt: skip
    model=tickets.TicketFields,
    required=("subject", "department", "contactid", "userid"),
)
REPLY_IN = FieldMap(
    # `file` (read apart by the route) is what the service calls the reply's `files`.
    fields={"admin": reference("staff_id"), "contactid": reference("contact_id"), "file": "files"},
    ignore=frozenset({"id", "ticketid", "userid", "date"}),
    model=ReplyCreate,
    required=("message",),
    schema={"file": {"type": "string", "format": "binary", "description": "Attachments"}},
)


# A support ticket as Perfex reads it.
TICKET = PERFEX.record(
    "Ticket",
    "id:str ticketid=id:str", const("adminreplying", "0"),
    "userid=customer_id:ref contactid=contact_id:ref email:or_none name:or_none"
    " department=department_id:ref priority=priority_id:ref status=status_id:str"
    " service=service_id:ref ticketkey=ticket_key subject message admin=opened_by_id:ref"
    " date=created_at:stamp project_id:ref lastreply=last_reply_at:stamp?"
    " clientread=client_read:yes adminread=admin_read:yes assigned=assigned_id:ref cc tags",
    given("customfields", list[CustomValue]),
)  # fmt: skip
tickets_shown = neighbours.with_custom(TICKET, "tickets")
