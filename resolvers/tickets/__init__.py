"""Tickets: support threads, the replies on them, and their history."""

from resolvers.tickets.replies import (
    REPLIES,
    ReplyCreate,
    list_ticket_replies,
    reply_to_ticket,
    reply_with_files,
    ticket_history,
)
from resolvers.tickets.resource import (
    RESOURCE,
    TICKETS,
    TicketFields,
    assign_ticket,
    create_ticket,
    delete_ticket,
    get_ticket,
    list_tickets,
    restore_ticket,
    set_ticket_status,
    update_ticket,
)

__all__ = [
    "REPLIES",
    "RESOURCE",
    "TICKETS",
    "ReplyCreate",
    "TicketFields",
    "assign_ticket",
    "create_ticket",
    "delete_ticket",
    "get_ticket",
    "list_ticket_replies",
    "list_tickets",
    "reply_to_ticket",
    "reply_with_files",
    "restore_ticket",
    "set_ticket_status",
    "ticket_history",
    "update_ticket",
]
