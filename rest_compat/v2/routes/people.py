"""v2's tickets, leads, users and the financial report."""

from __future__ import annotations

from starlette.responses import Response

from resolvers import leads, reports, staff, tickets
from resolvers.reports import FinancialSummary
from rest_compat.envelopes import reply
from rest_compat.readers import body
from rest_compat.reply_schemas import replies, shape_schema
from rest_compat.routing import Args, Call, Param
from rest_compat.routing import Endpoint as R
from rest_compat.v2.fields import people
from rest_compat.v2.routes.common import (
    filter_params,
    filtered_pages,
    listing,
    number,
    one,
    query_text,
    record,
    text,
)

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
    R("GET", "/api/v2/tickets", tickets.list_tickets, filtered_pages(*TICKET_FILTERS),
      listing(people.ticket), "List Tickets", query=filter_params(*TICKET_FILTERS)),
    R("POST", "/api/v2/tickets", tickets.create_ticket, body(), record(people.ticket, 201),
      "Create Ticket", fields=people.TICKET_IN, status=201),
    R("POST", "/api/v2/leads", leads.create_lead, body(), record(people.lead, 201),
      "Create Lead", fields=people.LEAD_IN, status=201),
    R("GET", "/api/v2/users", staff.list_staff, filtered_pages(*USER_FILTERS),
      listing(people.user), "List Users", query=filter_params(*USER_FILTERS)),
    R("POST", "/api/v2/users", staff.create_staff, body(), record(people.user, 201),
      "Create User", fields=people.USER_IN, status=201),
    R("GET", "/api/v2/reports/financial", reports.financial_report, period, financial,
      "Financial Summary",
      query=(Param("year", "Filter by year", "integer", 1900, 9998),
             Param("month", "Filter by month (1-12)", "integer", 1, 12))),
]  # fmt: skip
