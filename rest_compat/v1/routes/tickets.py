"""Tickets: the record, its replies, attachments and history, assignment and status."""

from __future__ import annotations

from resolvers import files, tickets
from resolvers.tickets.resource import TicketFields
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.tickets import REPLY, TICKET, TICKET_IN
from rest_compat.v1.routes.common import (
    SEARCH,
    Q,
    activity_of,
    event_shape,
    id_and_value,
    listing,
    params,
    parent_pages,
    record,
    rows_of,
    shaped,
    under,
)
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows

# Ticket statuses are rows of a table: any configured one, by id or name.
STATUS_NAMES = "A ticket status's id or name (open, in progress, answered, on hold, closed...)"
FILTERS = (
    Q("customer_id", "integer"),
    Q("contact_id", "integer"),
    Q("department_id", "integer"),
    Q("assigned_id", "integer"),
    Q("project_id", "integer"),
    Q("status", description="A status id or name"),
    Q("priority", description="A priority id or name"),
    SEARCH,
)
ticket = shaped(TICKET)

NOUN = Noun("ticket", titles={"list": "Get all tickets", "create": "Create new ticket"})

ROUTES = [
    *crud_rows("/api/v1/tickets", NOUN,
               Crud(tickets.list_tickets, tickets.create_ticket, tickets.get_ticket,
                    tickets.update_ticket, tickets.delete_ticket),
               ticket, TICKET_IN, FILTERS, TICKET.json(tickets.TICKETS)),
    R("GET", "/api/v1/tickets/{id}/replies", tickets.list_ticket_replies, parent_pages(),
      listing(shaped(REPLY)), "List replies for a ticket", query=params(), label="Ticket"),
    R("GET", "/api/v1/tickets/{id}/attachments",
      under(tickets.get_ticket, "Ticket", files.list_files, "rel_id", rel_type="ticket"),
      parent_pages(), listing(rows_of("files")),
      "List attachments for a ticket", query=params(), label="Ticket"),
    R("POST", "/api/v1/tickets/{id}/assign", tickets.assign_ticket, id_and_value("staff_id", int),
      record(ticket), "Assign ticket to a staff member", label="Ticket"),
    R("PUT", "/api/v1/tickets/{id}/status", tickets.set_ticket_status,
      id_and_value("status", model=TicketFields, description=STATUS_NAMES), record(ticket),
      "Update ticket status",
      label="Ticket"),
    R("GET", "/api/v1/tickets/{id}/history", activity_of(tickets.get_ticket, "Ticket", "ticket"),
      parent_pages(), listing(event_shape),
      "Get ticket activity history", query=params(), label="Ticket"),
]  # fmt: skip
