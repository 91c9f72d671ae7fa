"""Support tickets and the replies on them."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field

from resolvers.models.base import Record, fk, moment


class Ticket(Record, table=True):
    __tablename__ = "tickets"
    subject: str = Field(max_length=191, index=True)
    message: str = ""
    customer_id: int | None = fk("customers.id")
    contact_id: int | None = fk("contacts.id")
    # Set when the ticket comes from someone who is not a contact.
    name: str = Field(default="", max_length=191)
    email: str = Field(default="", max_length=191)
    department_id: int | None = fk("departments.id")
    priority_id: int | None = fk("ticket_priorities.id")
    status_id: int = fk("ticket_statuses.id", nullable=False)
    service_id: int | None = fk("ticket_services.id", index=False)
    assigned_id: int | None = fk("staff.id")
    opened_by_id: int | None = fk("staff.id", index=False)
    project_id: int | None = fk("projects.id")
    cc: str = Field(default="", max_length=191)
    ticket_key: str = Field(default="", max_length=64)
    last_reply_at: dt.datetime | None = moment()
    client_read: bool = False
    admin_read: bool = False
    tags: str = ""


class TicketReply(Record, table=True):
    __tablename__ = "ticket_replies"
    ticket_id: int = fk("tickets.id", nullable=False)
    message: str
    staff_id: int | None = fk("staff.id", index=False)
    contact_id: int | None = fk("contacts.id", index=False)
    name: str = Field(default="", max_length=191)
    email: str = Field(default="", max_length=191)
    cc: str = Field(default="", max_length=191)
