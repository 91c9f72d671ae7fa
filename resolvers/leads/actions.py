"""Converting a lead: a customer and its primary contact, made in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import EmailStr, Field
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import lookups
from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict
from resolvers.core.permissions import require
from resolvers.core.records import insert_row, live, must_fetch, update_row
from resolvers.core.validation import Fields, parse
from resolvers.leads.resource import RESOURCE, leads, split_name
from resolvers.models import Contact, Customer, LeadStatus, table_of
from resolvers.models.types import utcnow

customers = table_of(Customer)
contacts = table_of(Contact)
statuses = table_of(LeadStatus)

# The lead's own columns a new customer inherits.
_CARRIED = ("phone", "website", "address", "city", "state", "zip", "country_id",
            "default_language")  # fmt: skip


class LeadConversion(Fields):
    """What the caller may choose instead of the lead's own values."""

    company: str | None = Field(default=None, min_length=1, max_length=191)
    vat: str | None = Field(default=None, max_length=50)
    # A currency id or its code ("USD").
    default_currency: int | str | None = None
    firstname: str | None = Field(default=None, min_length=1, max_length=100)
    lastname: str | None = Field(default=None, max_length=100)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=50)
    title: str | None = Field(default=None, max_length=100)


async def _customer_status(conn: AsyncConnection) -> int | None:
    found = await conn.scalar(
        select(statuses.c.id).where(func.lower(statuses.c.name) == "customer", live(statuses))
    )
    return None if found is None else int(found)


async def convert_lead(ctx: Ctx, lead_id: int, data: Mapping[str, Any] | None = None) -> Row:
    """Make the lead a customer with a primary contact; a lead converts once."""
    principal = require(ctx.principal, RESOURCE, "update")
    require(principal, "customers", "create")
    choice = parse(LeadConversion, data or {})
    currency_id = await lookups.currency_id(ctx, choice.default_currency, "default_currency")
    async with ctx.db.write() as conn:
        lead = await must_fetch(conn, leads, lead_id, "Lead")
        if lead["converted_at"] is not None or lead["customer_id"] is not None:
            raise Conflict(
                f"Lead {lead_id} was already converted to customer {lead['customer_id']}",
                field="lead",
            )
        email = str(choice.email or lead["email"] or "").lower()
        if not email:
            # The request is well formed; the lead it names lacks what a contact needs.
            raise Conflict("the lead has no email: give one for the contact", field="email")
        first, last = split_name(lead["name"])
        customer = await insert_row(conn, customers, {
            **{column: lead[column] for column in _CARRIED},
            "company": choice.company or lead["company"] or lead["name"],
            "vat": choice.vat or "",
            "default_currency_id": currency_id,
            "added_by_id": principal.staff_id,
        })  # fmt: skip
        contact = await insert_row(conn, contacts, {
            "customer_id": customer["id"],
            "is_primary": True,
            "firstname": choice.firstname or first,
            "lastname": choice.lastname if choice.lastname is not None else last,
            "email": email,
            "phone": choice.phone or lead["phone"],
            "title": choice.title or lead["title"],
        })  # fmt: skip
        converted: dict[str, Any] = {"customer_id": customer["id"], "converted_at": utcnow()}
        status_id = await _customer_status(conn)
        if status_id is not None:
            converted["status_id"] = status_id
        await update_row(conn, leads, lead_id, converted)
        await events.record(conn, ctx, "customer.created", customer["id"],
                            {"company": customer["company"], "lead_id": lead_id})  # fmt: skip
        await events.record(conn, ctx, "contact.created", contact["id"],
                            parent=("customer", customer["id"]))  # fmt: skip
        await events.record(
            conn, ctx, "lead.converted", lead_id,
            {"customer_id": customer["id"], "contact_id": contact["id"],
             "status_id": [lead["status_id"], converted.get("status_id", lead["status_id"])]},
            parent=("customer", customer["id"]),
        )  # fmt: skip
    return customer
