"""Writing proposals (the generated create, update, delete and restore), and their life
after: sent, accepted or declined, commented on."""

from __future__ import annotations

import strawberry

from resolvers import proposals
from schema.invoices.actions import document_actions
from schema.invoices.documents import document_writes
from schema.invoices.refs import service_data
from schema.proposals.inputs import REFS, ProposalCommentInput, ProposalInput
from schema.proposals.types import ProposalCommentType, ProposalType
from schema.verbs import verb

ProposalWrites = document_writes(
    proposals.PROPOSALS,
    ProposalType,
    ProposalInput,
    REFS,
    {"create": "A new proposal to a customer or a lead, a DRAFT unless a status is given."},
)
Actions = document_actions(
    ProposalType,
    send=proposals.send_proposal,
    accept=proposals.accept_proposal,
    decline=proposals.decline_proposal,
    descriptions={
        "send": "Email it as a PDF (to its own email unless input says otherwise), then mark "
        "it sent; one not yet decided becomes SENT.",
        "accept": "Accepted, with who accepted; not past its openTill date.",
    },
)


@strawberry.type
class ProposalMutation(ProposalWrites, Actions):  # type: ignore[valid-type, misc]
    add_proposal_comment = verb(
        proposals.add_proposal_comment,
        ProposalType,
        returns=ProposalCommentType,
        input=ProposalCommentInput,
        data=service_data,
    )
