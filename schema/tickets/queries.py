"""Reading tickets and their replies."""

from __future__ import annotations

import strawberry

from resolvers.tickets import REPLIES, TICKETS, list_tickets
from schema.roots import roots


@strawberry.type
class TicketQuery:
    ticket, tickets = roots(TICKETS, list_tickets)
    ticket_reply, ticket_replies = roots(REPLIES)
