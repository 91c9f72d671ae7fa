"""Proposals: the record, sending, accepting and declining one, and its comments."""

from __future__ import annotations

from resolvers import documents, proposals
from rest_compat.readers import id_and_body, path_id
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.proposals import PROPOSAL_IN, proposal
from rest_compat.v1.routes.common import (
    SEARCH,
    Q,
    checked,
    listing,
    params,
    parent_pages,
    record,
    rows_of,
)
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

ROUTES = [
    *crud_rows("/api/v1/proposals", Noun("proposal"),
               Crud(proposals.list_proposals, proposals.create_proposal, get,
                    proposals.update_proposal, proposals.delete_proposal),
               proposal, PROPOSAL_IN, FILTERS),
    R("POST", "/api/v1/proposals/{id}/send", proposals.send_proposal, path_id(),
      record(proposal), "Send proposal to customer via email", label="Proposal"),
    R("POST", "/api/v1/proposals/{id}/accept", proposals.accept_proposal,
      id_and_body(), record(proposal), "Accept a proposal", label="Proposal"),
    R("POST", "/api/v1/proposals/{id}/decline", proposals.decline_proposal, path_id(),
      record(proposal), "Decline a proposal", label="Proposal"),
    R("GET", "/api/v1/proposals/{id}/comments",
      checked(get, "Proposal", proposals.list_proposal_comments), parent_pages(),
      listing(rows_of("proposal_comments")),
      "List comments for a proposal", query=params(), label="Proposal"),
    R("GET", "/api/v1/proposals/{id}/pdf", documents.proposal_pdf, path_id(), pdf_file,
      "Download proposal as PDF", label="Proposal"),
]  # fmt: skip
