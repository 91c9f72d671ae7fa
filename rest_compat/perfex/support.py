"""Support tickets and their replies in Perfex's names."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from resolvers import tickets
from resolvers.core.context import Ctx, Row
from resolvers.tickets.replies import ReplyCreate
from rest_compat.perfex import neighbours
from rest_compat.perfex.bodies import reference
from rest_compat.perfex.formats import ref, stamp, yes
from rest_compat.perfex.neighbours import CustomValue
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


class Ticket(TypedDict):
    """A support ticket as Perfex reads it."""

    id: str
    ticketid: str
    adminreplying: str
    userid: str
    contactid: str
    email: str | None
    name: str | None
    department: str
    priority: str
    status: str
    service: str
    ticketkey: str
    subject: str
    message: str
    admin: str
    date: str
    project_id: str
    lastreply: str | None
    clientread: str
    adminread: str
    assigned: str
    cc: str
    tags: str
    customfields: list[CustomValue]


async def tickets_shown(ctx: Ctx, rows: Sequence[Row]) -> list[Ticket]:
    custom = await neighbours.custom_values(ctx, "tickets", [r["id"] for r in rows])
    return [
        {
            "id": str(r["id"]),
            "ticketid": str(r["id"]),
            "adminreplying": "0",
            "userid": ref(r["customer_id"]),
            "contactid": ref(r["contact_id"]),
            "email": r["email"] or None,
            "name": r["name"] or None,
            "department": ref(r["department_id"]),
            "priority": ref(r["priority_id"]),
            "status": str(r["status_id"]),
            "service": ref(r["service_id"]),
            "ticketkey": r["ticket_key"],
            "subject": r["subject"],
            "message": r["message"],
            "admin": ref(r["opened_by_id"]),
            "date": stamp(r["created_at"]),
            "project_id": ref(r["project_id"]),
            "lastreply": stamp(r["last_reply_at"]),
            "clientread": yes(r["client_read"]),
            "adminread": yes(r["admin_read"]),
            "assigned": ref(r["assigned_id"]),
            "cc": r["cc"],
            "tags": r["tags"],
            "customfields": custom.get(r["id"], []),
        }
        for r in rows
    ]
