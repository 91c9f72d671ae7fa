"""A proposal's life after it is written: sent, accepted or declined, commented on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers.core import events, reading
from resolvers.core.children import Comment
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Conflict
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.core.records import insert_row, must_fetch
from resolvers.core.validation import parse
from resolvers.line_items.documents import today
from resolvers.line_items.transitions import accept, transition
from resolvers.models.types import utcnow
from resolvers.proposals.resource import (
    ACCEPTED,
    COMMENTS,
    DECLINED,
    KIND,
    PROPOSALS,
    RESOURCE,
    SENT,
)
from resolvers.proposals.rules import parent_of

proposals = PROPOSALS.table


async def send_proposal(ctx: Ctx, proposal_id: int, data: Mapping[str, Any] | None = None) -> Row:
    """Email the proposal as a PDF to its recipient (options: resolvers.documents.
    SendFields), then mark it sent; one not yet decided becomes Sent. When the email
    fails nothing is marked."""
    # Imported here: the documents package reads proposals through this package.
    from resolvers.documents import email_document

    require(ctx.principal, RESOURCE, "update")
    # Mailed before the write, so no transaction is held open while the server answers.
    emailed = await email_document(ctx, RESOURCE, proposal_id, data)

    def decide(row: Row) -> dict[str, Any]:
        values: dict[str, Any] = {"sent_at": utcnow()}
        if row["status"] not in (ACCEPTED, DECLINED):
            values["status"] = SENT
        return values

    return await transition(ctx, KIND, proposal_id, "sent", decide, note=emailed, parent=parent_of)


async def accept_proposal(ctx: Ctx, proposal_id: int, data: Mapping[str, Any] | None = None) -> Row:
    """Accepted, with who accepted when given; not once it is past its open-till date."""
    require(ctx.principal, RESOURCE, "update")

    def refuse(row: Row) -> None:
        if row["open_till"] is not None and row["open_till"] < today():
            raise Conflict(f"The proposal was open till {row['open_till']}", "open_till")

    return await accept(
        ctx, KIND, proposal_id, data, accepted=ACCEPTED, refuse=refuse, parent=parent_of
    )


async def decline_proposal(ctx: Ctx, proposal_id: int) -> Row:
    require(ctx.principal, RESOURCE, "update")

    def decide(row: Row) -> dict[str, Any] | None:
        return None if row["status"] == DECLINED else {"status": DECLINED}

    return await transition(ctx, KIND, proposal_id, "declined", decide, parent=parent_of)


async def add_proposal_comment(ctx: Ctx, proposal_id: int, data: Mapping[str, Any]) -> Row:
    principal = require(ctx.principal, RESOURCE, "update")
    fields = parse(Comment, data)
    async with ctx.db.write() as conn:
        proposal = await must_fetch(conn, proposals, proposal_id, "Proposal")
        row = await insert_row(conn, COMMENTS.table, {
            "proposal_id": proposal_id, "content": fields.content,
            "staff_id": principal.staff_id,
        })  # fmt: skip
        await events.record(conn, ctx, "proposal.commented", proposal_id,
                            {"comment_id": row["id"]}, parent=parent_of(proposal))  # fmt: skip
    return row


async def list_proposal_comments(ctx: Ctx, proposal_id: int, page: PageArgs, **query: Any) -> Page:
    """The proposal's comments, oldest first."""
    scope = [COMMENTS.table.c.proposal_id == proposal_id]
    return await reading.list_records(ctx, COMMENTS, page, scope=scope, **query)
