"""Tickets: the record, its replies, attachments and history, assignment and status."""

from __future__ import annotations

from resolvers import tickets
from resolvers.tickets.resource import TicketFields
from rest_compat.v1.fields.tickets import REPLY, TICKET, TICKET_IN
from rest_compat.v1.routes.common import SEARCH, Parent, Q, id_and_value, record, shaped
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
TICKET_ROWS = Parent("/api/v1/tickets", tickets.get_ticket, "Ticket")

NOUN = Noun("ticket", titles={"list": "Get all tickets", "create": "Create new ticket"})

ROUTES = [
    *crud_rows("/api/v1/tickets", NOUN,
               Crud(tickets.list_tickets, tickets.create_ticket, tickets.get_ticket,
                    tickets.update_ticket, tickets.delete_ticket),
               ticket, TICKET_IN, FILTERS, TICKET.json(tickets.TICKETS)),
    TICKET_ROWS.list("replies", tickets.list_ticket_replies, shaped(REPLY),
                     "List replies for a ticket"),
    TICKET_ROWS.files("attachments", "List attachments for a ticket"),
    TICKET_ROWS.row("POST", "assign", tickets.assign_ticket, id_and_value("staff_id", int),
                    record(ticket), "Assign ticket to a staff member"),
    TICKET_ROWS.row("PUT", "status", tickets.set_ticket_status,
                    id_and_value("status", model=TicketFields, description=STATUS_NAMES),
                    record(ticket), "Update ticket status"),
    TICKET_ROWS.activity("history", "Get ticket activity history"),
]  # fmt: skip
