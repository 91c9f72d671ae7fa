"""Writing tickets: the ticket itself, replies, its assignee and status."""

from __future__ import annotations

from collections.abc import Awaitable

import strawberry
from strawberry.file_uploads import Upload

from resolvers import files, tickets
from resolvers.core.context import Ctx, Row
from schema.calls import mutation
from schema.custom_fields.inputs import CustomFieldValueInput
from schema.files.mutations import part
from schema.ids import decode_id
from schema.lookups.references import service_data
from schema.optional import optional
from schema.projects.refs import staff_or_none
from schema.tickets.types import TicketReplyType, TicketType
from schema.writes import mutations

REPLY_IDS = {"staff_id": "Staff", "contact_id": "Contact", "status": "TicketStatus"}


@strawberry.input
class TicketInput:
    subject: str | None = optional("Required to create.")
    message: str | None = strawberry.UNSET
    contact_id: strawberry.ID | None = optional(
        "A Contact id; the ticket is the contact's customer's."
    )
    customer_id: strawberry.ID | None = optional("A Customer id.")
    name: str | None = optional("Who raised it, when not a contact.")
    email: str | None = strawberry.UNSET
    department_id: strawberry.ID | None = optional("A Department id.")
    priority: strawberry.ID | None = optional("A TicketPriority id; null for none.")
    status: strawberry.ID | None = optional("A TicketStatus id; the default status to create.")
    service_id: strawberry.ID | None = optional("A TicketService id.")
    assigned_id: strawberry.ID | None = optional("The Staff member handling it.")
    project_id: strawberry.ID | None = optional("A Project of the ticket's customer.")
    cc: str | None = strawberry.UNSET
    tags: str | None = optional("Comma-separated.")
    custom_fields: list[CustomFieldValueInput] | None = optional(
        "Values of the given custom fields; others stay."
    )


@strawberry.input
class TicketReplyInput:
    message: str
    staff_id: strawberry.ID | None = optional(
        "A staff reply by this Staff member; by default the calling staff member."
    )
    contact_id: strawberry.ID | None = optional("A reply from this Contact.")
    status: strawberry.ID | None = optional(
        "The TicketStatus after the reply: Answered after staff's, Open after a "
        "customer's, by default."
    )
    cc: str | None = strawberry.UNSET
    name: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET


TicketVerbMutation = mutations(
    tickets.TICKETS, TicketType, input=TicketInput,
    references={
        "contact_id": "Contact",
        "customer_id": "Customer",
        "department_id": "Department",
        "priority": "TicketPriority",
        "status": "TicketStatus",
        "service_id": "TicketService",
        "assigned_id": "Staff",
        "project_id": "Project",
    },
)  # fmt: skip


def _reply(
    ctx: Ctx, id: str, input: TicketReplyInput, files: list[Upload] | None
) -> Awaitable[Row]:
    ticket, data = decode_id(id, TicketType), service_data(input, REPLY_IDS)
    if files is None:
        return tickets.reply_to_ticket(ctx, ticket, data)
    return tickets.reply_with_files(ctx, ticket, data, [part(f, "files") for f in files])


@strawberry.type
class TicketMutation:
    reply_to_ticket = mutation(
        TicketReplyType,
        {"id": strawberry.ID, "input": TicketReplyInput, "files": (list[Upload] | None, None)},
        _reply,
        "Reply on the ticket; its status moves as the reply says. `files` (file parts of a "
        f"multipart request, at most {files.MAX_FILES}) are attached to the ticket and the "
        "reply, in the same transaction.",
    )
    assign_ticket = mutation(
        TicketType, {"id": strawberry.ID, "staff_id": (strawberry.ID | None, None)},
        lambda ctx, id, staff_id: tickets.assign_ticket(
            ctx, decode_id(id, TicketType), staff_or_none(staff_id)
        ),
        "Hand the ticket to a Staff member; null takes it off them.",
    )  # fmt: skip
    set_ticket_status = mutation(
        TicketType, {"id": strawberry.ID, "status": strawberry.ID},
        lambda ctx, id, status: tickets.set_ticket_status(
            ctx, decode_id(id, TicketType), decode_id(status, "TicketStatus", "status")
        ),
        "Move the ticket to a TicketStatus.",
    )  # fmt: skip
