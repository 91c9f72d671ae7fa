"""Support tickets: who raised them, where they are routed, their status and assignee."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from pydantic import BaseModel, EmailStr, Field
from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import events
from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to
from resolvers.core.errors import Conflict, Invalid
from resolvers.core.filtering import naming
from resolvers.core.getters import getter
from resolvers.core.ordinary import operations, soft_verbs
from resolvers.core.permissions import require
from resolvers.core.records import changes, must_fetch, update_row
from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.core.validation import Fields
from resolvers.line_items.documents import added_by
from resolvers.models import (
    Contact,
    Customer,
    Department,
    Project,
    Staff,
    Ticket,
    TicketService,
    table_of,
)
from resolvers.projects.common import ListFilter, Tags, lister, settle
from resolvers.tickets import codes

RESOURCE = "tickets"
tickets = table_of(Ticket)


class TicketFields(Fields):
    subject: str | None = Field(default=None, min_length=1, max_length=191)
    message: str | None = Field(default=None, max_length=65_000)
    # A contact's ticket belongs to the contact's customer.
    contact_id: int | None = None
    customer_id: int | None = None
    # Who raised it when they are not a contact.
    name: str | None = Field(default=None, max_length=191)
    email: EmailStr | None = None
    department_id: int | None = None
    # An id, or a name: "high", "Medium".
    priority: int | str | None = None
    # An id, or a name: "open", "answered", "closed" ("resolved" means closed).
    status: int | str | None = None
    service_id: int | None = None
    assigned_id: int | None = None
    project_id: int | None = None
    cc: str | None = Field(default=None, max_length=191)
    tags: Tags | None = None
    # Custom field values by field id or slug.
    custom_fields: dict[int | str, Any] | None = None


class TicketCreate(TicketFields):
    subject: str = Field(min_length=1, max_length=191)


_REFERENCES = (
    ("customer_id", Customer, "customer"),
    ("department_id", Department, "department"),
    ("service_id", TicketService, "service"),
    ("assigned_id", Staff, "staff member"),
)


async def _columns(conn: AsyncConnection, data: TicketFields, before: Row | None) -> dict[str, Any]:
    """Input as column values: references checked, names resolved, the customer derived."""
    values = data.model_dump(exclude_unset=True, exclude={"priority", "status", "custom_fields"})
    settle(values, ("subject",), ("message", "name", "email", "cc", "tags"))
    if "email" in values:
        values["email"] = values["email"].lower()
    for field, model, label in _REFERENCES:
        if values.get(field) is not None and (before is None or before[field] != values[field]):
            await must_fetch(conn, table_of(model), values[field], label, field)
    if "priority" in data.model_fields_set:
        priority = data.priority
        values["priority_id"] = (
            None if priority in (None, "") else await codes.priority_id(conn, priority)
        )
    if data.status is not None:
        values["status_id"] = await codes.status_id(conn, data.status)
    elif "status" in data.model_fields_set:
        raise Invalid.field("status", "must not be null")
    await _customer(conn, values, before)
    return values


def _current(values: Mapping[str, Any], before: Row | None, name: str) -> Any:
    if name in values:
        return values[name]
    return None if before is None else before[name]


async def _customer(conn: AsyncConnection, values: dict[str, Any], before: Row | None) -> None:
    """The contact's customer is the ticket's; a project must be that customer's too."""
    moved = {"contact_id", "customer_id", "project_id"} & values.keys()
    if not moved:
        return
    contact_id = _current(values, before, "contact_id")
    customer_id = _current(values, before, "customer_id")
    if contact_id is not None:
        contact = await must_fetch(conn, table_of(Contact), contact_id, "contact", "contact_id")
        if "customer_id" in values and customer_id not in (None, contact["customer_id"]):
            field = "contact_id" if "contact_id" in values else "customer_id"
            # Both ids name live records; the contact's stored customer refuses the pair.
            raise Conflict("the contact belongs to another customer", field=field)
        if customer_id != contact["customer_id"]:
            values["customer_id"] = customer_id = contact["customer_id"]
    project_id = _current(values, before, "project_id")
    if project_id is not None:
        project = await must_fetch(conn, table_of(Project), project_id, "project", "project_id")
        if customer_id is not None and project["customer_id"] != customer_id:
            raise Conflict("is a project of another customer", field="project_id")


def _parent(row: Row) -> tuple[str, int] | None:
    return None if row["customer_id"] is None else ("customer", int(row["customer_id"]))


async def _ticket_values(
    conn: AsyncConnection, ctx: Ctx, fields: BaseModel, before: Row | None
) -> dict[str, Any]:
    assert isinstance(fields, TicketFields)
    values = await _columns(conn, fields, before)
    if before is not None:
        return values
    values.setdefault("status_id", await codes.default_status(conn))
    return {"opened_by_id": added_by(ctx), "ticket_key": secrets.token_hex(16), **values}


async def _updated(conn: AsyncConnection, before: Row, row: Row) -> str:
    closes = row["status_id"] != before["status_id"] and await codes.is_closed(
        conn, row["status_id"]
    )
    return "closed" if closes else "updated"


TICKETS = register(
    Resource(
        name=RESOURCE,
        model=Ticket,
        label="Ticket",
        search=("subject", "message", "name", "email", "tags"),
        verbs=soft_verbs(
            TicketCreate,
            TicketFields,
            "ticket",
            values=_ticket_values,
            parent=_parent,
            created=lambda row: {"subject": row["subject"]},
            updated=_updated,
        ),
    )
)
for _owner, _column in (
    ("customers", "customer_id"), ("contacts", "contact_id"), ("departments", "department_id"),
    ("ticket_priorities", "priority_id"), ("ticket_statuses", "status_id"),
    ("ticket_services", "service_id"), ("projects", "project_id"),
):  # fmt: skip
    belongs_to(RESOURCE, _owner, _column)
belongs_to(RESOURCE, "staff", "assigned_id", one="assignee", many="assigned_tickets")
relate(RESOURCE, "opened_by", Relation("staff", "one", "opened_by_id"))
relate(
    RESOURCE, "attachments", Relation("files", "many", "rel_id", match=(("rel_type", "ticket"),))
)

get_ticket = getter(TICKETS, __name__, "get_ticket")


def _coded(column: str, find: Callable[[AsyncConnection, Any], Awaitable[int]]) -> ListFilter:
    """The tickets of a status or priority given by id or name."""

    async def clause(ctx: Ctx, value: Any) -> ColumnElement[bool]:
        async with ctx.db.read() as conn:
            return await naming(tickets.c[column], find(conn, value))

    return clause


list_tickets = lister(
    TICKETS, __name__, "customer_id", "contact_id", "department_id", "assigned_id", "project_id",
    status=_coded("status_id", codes.status_id), priority=_coded("priority_id", codes.priority_id),
)  # fmt: skip
create_ticket, update_ticket, delete_ticket, restore_ticket = operations(TICKETS)


async def assign_ticket(ctx: Ctx, ticket_id: int, staff_id: int | None) -> Row:
    """Hand the ticket to a staff member; None takes it off whoever has it."""
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, tickets, ticket_id, "Ticket")
        await must_fetch(conn, table_of(Staff), staff_id, "staff member", "staff_id")
        values = {"assigned_id": staff_id}
        row = await update_row(conn, tickets, ticket_id, values)
        await events.record(
            conn, ctx, "ticket.assigned", ticket_id, changes(before, values), parent=_parent(row)
        )
    return row


async def set_ticket_status(ctx: Ctx, ticket_id: int, status: int | str) -> Row:
    """Move the ticket to a status by id or name; "resolved" and "closed" close it."""
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, tickets, ticket_id, "Ticket")
        values = {"status_id": await codes.status_id(conn, status)}
        row = await update_row(conn, tickets, ticket_id, values)
        closed = await codes.is_closed(conn, row["status_id"])
        event = "ticket.closed" if closed else "ticket.status_changed"
        await events.record(
            conn, ctx, event, ticket_id, changes(before, values), parent=_parent(row)
        )
    return row
