"""Proposals: the record, sending, accepting and declining one, and its comments."""

from __future__ import annotations

from resolvers import documents, proposals
from rest_compat.readers import id_and_body, path_id
from rest_compat.v1.fields.proposals import PROPOSAL_IN, proposal
from rest_compat.v1.routes.common import SEARCH, Parent, Q, record, rows_of
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows
from rest_compat.v1.routes.pdf import pdf_file

FILTERS = (
    Q("customer_id", "integer"),
    Q("lead_id", "integer"),
    Q(
        "status",
        "integer",
        description="1 open, 2 declined, 3 accepted, 4 sent, 5 revised, 6 draft",
    ),
    SEARCH,
)
get = proposals.get_proposal
PROPOSAL = Parent("/api/v1/proposals", get, "Proposal")

ROUTES = [
    *crud_rows("/api/v1/proposals", Noun("proposal"),
               Crud(proposals.list_proposals, proposals.create_proposal, get,
                    proposals.update_proposal, proposals.delete_proposal),
               proposal, PROPOSAL_IN, FILTERS),
    PROPOSAL.row("POST", "send", proposals.send_proposal, path_id(), record(proposal),
                 "Send proposal to customer via email"),
    PROPOSAL.row("POST", "accept", proposals.accept_proposal, id_and_body(), record(proposal),
                 "Accept a proposal"),
    PROPOSAL.row("POST", "decline", proposals.decline_proposal, path_id(), record(proposal),
                 "Decline a proposal"),
    PROPOSAL.checked("comments", proposals.list_proposal_comments, rows_of("proposal_comments"),
                     "List comments for a proposal"),
    PROPOSAL.row("GET", "pdf", documents.proposal_pdf, path_id(), pdf_file,
                 "Download proposal as PDF"),
]  # fmt: skip
