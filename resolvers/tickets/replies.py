"""Replies on a ticket, from staff or from the customer's side, and the ticket's history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import EmailStr, Field
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import activity, files
from resolvers.core import events, exclusive, reading
from resolvers.core.context import Ctx, Row
from resolvers.core.edges import belongs_to
from resolvers.core.errors import NotFound
from resolvers.core.exclusive import NotBoth
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import Principal, require
from resolvers.core.records import fetch, insert_row, must_fetch, update_row
from resolvers.core.resources import Relation, Resource, register, relate
from resolvers.core.validation import Fields, parse
from resolvers.models import Contact, Staff, TicketReply, table_of
from resolvers.tickets import codes
from resolvers.tickets.resource import RESOURCE, tickets

REPLIES = register(
    Resource(
        name="ticket_replies",
        model=TicketReply,
        label="Ticket reply",
        search=("message", "name", "email"),
        permission=RESOURCE,
    )
)
belongs_to(REPLIES.name, RESOURCE, "ticket_id", many="replies")
relate(REPLIES.name, "staff", Relation("staff", "one", "staff_id"))
relate(REPLIES.name, "contact", Relation("contacts", "one", "contact_id"))

replies = REPLIES.table


class ReplyCreate(Fields):
    message: str = Field(min_length=1, max_length=65_000)
    # A staff reply (Perfex's "admin"); otherwise the contact's, by default the ticket's.
    staff_id: int | None = None
    contact_id: int | None = None
    # The ticket's status after the reply: Open after a customer's, Answered after staff's
    # (when none or blank).
    status: int | str | None = None
    cc: str | None = Field(default=None, max_length=191)
    name: str | None = Field(default=None, max_length=191)
    email: EmailStr | None = None


# A reply is a staff member's or a contact's, not both.
(ONE_AUTHOR,) = exclusive.declare(
    ReplyCreate,
    NotBoth("staff_id", "contact_id", "give staff_id or contact_id, not both", named="contact_id"),
)


async def list_ticket_replies(ctx: Ctx, ticket_id: int, page: PageArgs) -> Page:
    require(ctx.principal, RESOURCE, "get")
    async with ctx.db.read() as conn:
        if await fetch(conn, tickets, ticket_id) is None:
            raise NotFound("Ticket", ticket_id)
    return await reading.list_records(ctx, REPLIES, page, scope=[replies.c.ticket_id == ticket_id])


async def ticket_history(ctx: Ctx, ticket_id: int, page: PageArgs) -> Page:
    """What happened to the ticket, oldest first: its events and those filed under it."""
    return await activity.feed(ctx, "ticket", ticket_id, page)


def _reply_fields(ctx: Ctx, data: Mapping[str, Any]) -> tuple[Principal, ReplyCreate]:
    principal = require(ctx.principal, RESOURCE, "update")
    fields = parse(ReplyCreate, data)
    ONE_AUTHOR.check(fields.model_dump(exclude_unset=True))
    return principal, fields


async def reply_to_ticket(ctx: Ctx, ticket_id: int, data: Mapping[str, Any]) -> Row:
    principal, fields = _reply_fields(ctx, data)
    async with ctx.db.write() as conn:
        return await _write_reply(conn, ctx, principal, ticket_id, fields)


async def _write_reply(
    conn: AsyncConnection, ctx: Ctx, principal: Principal, ticket_id: int, fields: ReplyCreate
) -> Row:
    """The reply, the ticket's status and read flags, and the event, in the caller's
    transaction."""
    ticket = await must_fetch(conn, tickets, ticket_id, "Ticket")
    values: dict[str, Any] = {
        "ticket_id": ticket_id,
        "message": fields.message,
        "cc": fields.cc or "",
        "name": fields.name or "",
        "email": (fields.email or "").lower(),
    }
    staff_id = fields.staff_id
    if staff_id is None and fields.contact_id is None and principal.kind == "staff":
        staff_id = principal.staff_id
    if staff_id is not None:
        await must_fetch(conn, table_of(Staff), staff_id, "staff member", "staff_id")
        values["staff_id"] = staff_id
    else:
        # A given contact_id is checked as given: 0 names no contact (ids start at 1).
        given = fields.contact_id
        contact_id = ticket["contact_id"] if given is None else given
        if fields.contact_id is not None:
            await must_fetch(conn, table_of(Contact), contact_id, "contact", "contact_id")
        values["contact_id"] = contact_id
        if contact_id is None:
            values["name"] = values["name"] or ticket["name"]
            values["email"] = values["email"] or ticket["email"]
    by_staff = staff_id is not None
    if fields.status not in (None, ""):
        status = await codes.status_id(conn, fields.status)
    else:
        default = codes.ANSWERED if by_staff else codes.OPEN
        status = await codes.named_status(conn, default) or ticket["status_id"]
    reply = await insert_row(conn, replies, values)
    after = {
        "status_id": status,
        "last_reply_at": reply["created_at"],
        "admin_read": by_staff,
        "client_read": not by_staff,
    }
    row = await update_row(conn, tickets, ticket_id, after)
    await events.record(
        conn,
        ctx,
        "ticket.replied",
        ticket_id,
        {
            "reply_id": reply["id"],
            "from": "staff" if by_staff else "customer",
            "status_id": [ticket["status_id"], row["status_id"]],
        },
        parent=None if row["customer_id"] is None else ("customer", row["customer_id"]),
    )
    return reply


async def reply_with_files(
    ctx: Ctx, ticket_id: int, data: Mapping[str, Any], uploads: Sequence[files.Upload] = ()
) -> Row:
    """A reply and the files that came with it, attached to the ticket and the reply, in
    one transaction: a file that cannot be stored leaves no reply behind, and no bytes."""
    principal, fields = _reply_fields(ctx, data)
    files.check_count(uploads, at_least=0)
    if uploads:
        files.check_attach(ctx, "ticket")
    async with files.stored(ctx, uploads) as items, ctx.db.write() as conn:
        reply = await _write_reply(conn, ctx, principal, ticket_id, fields)
        if items:
            await files.insert_files(
                conn, ctx, "ticket", ticket_id, items, ticket_reply_id=int(reply["id"])
            )
    return reply
