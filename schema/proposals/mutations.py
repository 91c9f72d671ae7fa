"""Writing proposals, and their life after: sent, accepted or declined, commented on."""

from __future__ import annotations

import strawberry

from resolvers import proposals
from schema.context import Info
from schema.errors import Payload
from schema.ids import decode_id
from schema.invoices.actions import Descriptions, document_actions
from schema.invoices.refs import write
from schema.proposals.inputs import (
    NAMES,
    ProposalCommentInput,
    ProposalInput,
    comment_data,
    proposal_data,
)
from schema.proposals.types import ProposalCommentType, ProposalType

Result = Payload[ProposalType]

Actions = document_actions(
    ProposalType,
    send=proposals.send_proposal,
    accept=proposals.accept_proposal,
    decline=proposals.decline_proposal,
    descriptions=Descriptions(
        send="Email it as a PDF (to its own email unless input says otherwise), then mark "
        "it sent; one not yet decided becomes SENT.",
        accept="Accepted, with who accepted; not past its openTill date.",
    ),
)


@strawberry.type
class ProposalMutation(Actions):  # type: ignore[valid-type, misc]
    @strawberry.mutation(description="A new proposal to a customer or a lead, a DRAFT unless "
                         "a status is given.")  # fmt: skip
    async def create_proposal(self, info: Info, input: ProposalInput) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: proposals.create_proposal(ctx, proposal_data(input)),
            ProposalType.from_row,
            NAMES,
        )

    @strawberry.mutation
    async def update_proposal(self, info: Info, id: strawberry.ID, input: ProposalInput) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: proposals.update_proposal(
                ctx, decode_id(id, ProposalType), proposal_data(input)
            ),
            ProposalType.from_row,
            NAMES,
        )

    @strawberry.mutation
    async def delete_proposal(self, info: Info, id: strawberry.ID) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: proposals.delete_proposal(ctx, decode_id(id, ProposalType)),
            ProposalType.from_row,
        )

    @strawberry.mutation
    async def restore_proposal(self, info: Info, id: strawberry.ID) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: proposals.restore_proposal(ctx, decode_id(id, ProposalType)),
            ProposalType.from_row,
        )

    @strawberry.mutation
    async def add_proposal_comment(
        self, info: Info, id: strawberry.ID, input: ProposalCommentInput
    ) -> Payload[ProposalCommentType]:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: proposals.add_proposal_comment(
                ctx, decode_id(id, ProposalType), comment_data(input)
            ),
            ProposalCommentType.from_row,
        )
