"""Reading tickets and their replies."""

from __future__ import annotations

import strawberry

from resolvers.tickets import REPLIES, TICKETS, list_tickets
from schema.fields import connection_field, record_field
from schema.tickets.types import TicketReplyType, TicketType

__all__ = ["TicketQuery", "TicketReplyType", "TicketType"]


@strawberry.type
class TicketQuery:
    ticket = record_field(TICKETS)
    tickets = connection_field(TICKETS, list_tickets)
    ticket_reply = record_field(REPLIES)
    ticket_replies = connection_field(REPLIES)
