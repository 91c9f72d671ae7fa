"""Writing proposals (the generated create, update, delete and restore), and their life
after: sent, accepted or declined, commented on."""

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
from schema.writes import mutations

ProposalWrites = mutations(
    proposals.PROPOSALS,
    ProposalType,
    create_input=ProposalInput,
    update_input=ProposalInput,
    data=proposal_data,
    names=NAMES,
    descriptions={
        "create": "A new proposal to a customer or a lead, a DRAFT unless a status is given."
    },
)
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
class ProposalMutation(ProposalWrites, Actions):  # type: ignore[valid-type, misc]
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
