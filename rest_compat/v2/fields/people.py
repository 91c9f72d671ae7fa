"""v2's tickets, leads and users: statuses, priorities, sources and roles by name, a
user's one `name`, and never a password."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from resolvers.core.context import Ctx, Row
from resolvers.leads import LeadFields, split_name
from resolvers.reports import FinancialSummary
from resolvers.staff import StaffFields
from resolvers.tickets import TicketFields
from rest_compat.envelopes import iso_time
from rest_compat.renames import FieldMap
from rest_compat.tech9.fields.common import AliasedMap, lookup_name

TICKET_IN = FieldMap(
    fields={},
    model=TicketFields,
    required=("subject",),
    schema={"priority": {"type": "string", "description": "Low, Medium, High, Urgent"},
            "status": {"type": "string", "description": "Open, Closed, Pending..."}},
)  # fmt: skip

# v2 knows the CRM's "On Hold" tickets as Pending (the service reads Pending so too).
TICKET_STATUS_NAMES = {"On Hold": "Pending"}


class Ticket(TypedDict):
    id: int
    subject: str
    message: str
    customer_id: int | None
    contact_id: int | None
    department_id: int | None
    priority: str | None
    status: str | None
    created_at: str
    updated_at: str


class Lead(TypedDict):
    id: int
    first_name: str
    last_name: str
    email: str
    company: str
    phone: str
    source: str | None
    status: str | None
    created_at: str


class User(TypedDict):
    id: int
    name: str
    email: str
    role: str | None
    active: bool
    created_at: str


class Financial(TypedDict):
    income: Decimal
    expenses: Decimal
    profit: Decimal
    outstanding_invoices: Decimal


async def ticket(ctx: Ctx, row: Row) -> Ticket:
    status = await lookup_name(ctx, "ticket_statuses", row["status_id"])
    return {
        "id": row["id"],
        "subject": row["subject"],
        "message": row["message"],
        "customer_id": row["customer_id"],
        "contact_id": row["contact_id"],
        "department_id": row["department_id"],
        "priority": await lookup_name(ctx, "ticket_priorities", row["priority_id"]),
        "status": TICKET_STATUS_NAMES.get(status or "", status),
        "created_at": iso_time(row["created_at"]),
        "updated_at": iso_time(row["updated_at"]),
    }


LEAD_IN = AliasedMap(
    fields={},
    model=LeadFields,
    required=("first_name",),
    schema={"source": {"type": "string", "description": "A source's name: Website, Referral..."}},
    error_names={"name": "first_name"},
)


async def lead(ctx: Ctx, row: Row) -> Lead:
    first, last = split_name(row["name"])
    return {
        "id": row["id"],
        "first_name": first,
        "last_name": last,
        "email": row["email"],
        "company": row["company"],
        "phone": row["phone"],
        "source": await lookup_name(ctx, "lead_sources", row["source_id"]),
        "status": await lookup_name(ctx, "lead_statuses", row["status_id"]),
        "created_at": iso_time(row["created_at"]),
    }


USER_IN = AliasedMap(
    fields={},
    model=StaffFields,
    required=("name", "email", "password"),
    schema={"password": {"type": "string", "format": "password", "minLength": 8},
            "role": {"type": "string", "description": "A role's name: administrator..."}},
    error_names={"firstname": "name"},
)  # fmt: skip


async def user(ctx: Ctx, row: Row) -> User:
    role = await lookup_name(ctx, "roles", row["role_id"])
    return {
        "id": row["id"],
        "name": " ".join(p for p in (row["firstname"], row["lastname"]) if p),
        "email": row["email"],
        "role": role or ("Administrator" if row["is_admin"] else None),
        "active": bool(row["active"]),
        "created_at": iso_time(row["created_at"]),
    }


def financial(summary: FinancialSummary) -> Financial:
    return {
        "income": summary.income,
        "expenses": summary.expenses,
        "profit": summary.profit,
        "outstanding_invoices": summary.outstanding_invoices,
    }
