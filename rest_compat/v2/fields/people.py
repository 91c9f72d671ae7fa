"""v2's tickets, leads and users: statuses, priorities, sources and roles by name, a
user's one `name`, and never a password."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from resolvers.core.context import Ctx, Row
from resolvers.leads import LeadFields
from resolvers.reports import FinancialSummary
from resolvers.staff import StaffFields
from resolvers.tickets import TicketFields
from rest_compat.records import Field, loaded, loads
from rest_compat.renames import FieldMap
from rest_compat.tech9.fields.common import NAME_PARTS, AliasedMap, lookup_name
from rest_compat.v2.fields.customers import V2

TICKET_IN = FieldMap(
    fields={},
    model=TicketFields,
    required=("subject",),
    schema={"priority": {"type": "string", "description": "Low, Medium, High, Urgent"},
            "status": {"type": "string", "description": "Open, Closed, Pending..."}},
)  # fmt: skip

# v2 knows the CRM's "On Hold" tickets as Pending (the service reads Pending so too).
TICKET_STATUS_NAMES = {"On Hold": "Pending"}


class Financial(TypedDict):
    income: Decimal
    expenses: Decimal
    profit: Decimal
    outstanding_invoices: Decimal


async def _ticket_status(ctx: Ctx, row: Row) -> str | None:
    status = await lookup_name(ctx, "ticket_statuses", row["status_id"])
    return TICKET_STATUS_NAMES.get(status or "", status)


TICKET = V2.record(
    "Ticket",
    "id:int subject message customer_id:int? contact_id:int? department_id:int?"
    " priority=priority_id:ticket_priorities", loads("status", str | None, _ticket_status),
    "created_at:iso_time updated_at:iso_time",
)  # fmt: skip
ticket = loaded(TICKET)


LEAD_IN = AliasedMap(
    fields={},
    model=LeadFields,
    required=("first_name",),
    schema={"source": {"type": "string", "description": "A source's name: Website, Referral..."}},
    error_names={"name": "first_name"},
)


LEAD = V2.record(
    "Lead", "id:int", NAME_PARTS,
    "email company phone source=source_id:lead_sources status=status_id:lead_statuses"
    " created_at:iso_time",
)  # fmt: skip
lead = loaded(LEAD)


USER_IN = AliasedMap(
    fields={},
    model=StaffFields,
    required=("name", "email", "password"),
    schema={"password": {"type": "string", "format": "password", "minLength": 8},
            "role": {"type": "string", "description": "A role's name: administrator..."}},
    error_names={"firstname": "name"},
)  # fmt: skip


async def _role(ctx: Ctx, row: Row) -> str | None:
    role = await lookup_name(ctx, "roles", row["role_id"])
    return role or ("Administrator" if row["is_admin"] else None)


USER = V2.record(
    "User", "id:int",
    Field("name", str, lambda row: " ".join(p for p in (row["firstname"], row["lastname"]) if p)),
    "email", loads("role", str | None, _role), "active:bool created_at:iso_time",
)  # fmt: skip
user = loaded(USER)


def financial(summary: FinancialSummary) -> Financial:
    return {
        "income": summary.income,
        "expenses": summary.expenses,
        "profit": summary.profit,
        "outstanding_invoices": summary.outstanding_invoices,
    }
