"""v2's tickets, leads, users and the financial report."""

from __future__ import annotations

from starlette.responses import Response

from resolvers import leads, reports, staff, tickets
from resolvers.reports import FinancialSummary
from rest_compat.envelopes import reply
from rest_compat.reply_schemas import replies, shape_schema
from rest_compat.routing import Args, Call, Param
from rest_compat.routing import Endpoint as R
from rest_compat.v2.fields import people
from rest_compat.v2.routes.common import create_row, list_row, number, one, query_text, text

TICKET_FILTERS = (
    text("status", "Open, Closed, Pending..."),
    number("department_id", "Filter by department"),
    number("customer_id"),
    text("priority", "Low, Medium, High..."),
)
USER_FILTERS = (text("search", "Search term for filtering"), text("role", "A role"))


async def period(call: Call) -> Args:
    return (), {"year": query_text(call, "year"), "month": query_text(call, "month")}


@replies(one(shape_schema(people.financial)))
async def financial(call: Call, result: FinancialSummary) -> Response:
    return reply({"success": True, "data": people.financial(result)})


ROUTES = [
    list_row("/api/v2/tickets", tickets.list_tickets, people.ticket, "List Tickets",
             *TICKET_FILTERS),
    create_row("/api/v2/tickets", tickets.create_ticket, people.ticket, "Create Ticket",
               people.TICKET_IN),
    create_row("/api/v2/leads", leads.create_lead, people.lead, "Create Lead", people.LEAD_IN),
    list_row("/api/v2/users", staff.list_staff, people.user, "List Users", *USER_FILTERS),
    create_row("/api/v2/users", staff.create_staff, people.user, "Create User", people.USER_IN),
    R("GET", "/api/v2/reports/financial", reports.financial_report, period, financial,
      "Financial Summary",
      query=(Param("year", "Filter by year", "integer", 1900, 9998),
             Param("month", "Filter by month (1-12)", "integer", 1, 12))),
]  # fmt: skip
