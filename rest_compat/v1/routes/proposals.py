"""Proposals: the record, sending, accepting and declining one, and its comments."""

from __future__ import annotations

from resolvers import documents, proposals
from rest_compat.readers import body, id_and_body, path_id
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.proposals import PROPOSAL_IN, proposal
from rest_compat.v1.routes.common import (
    SEARCH,
    Q,
    checked,
    deleted,
    listing,
    pages,
    params,
    parent_pages,
    record,
    rows_of,
)
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
    R("GET", "/api/v1/proposals", proposals.list_proposals, pages(*FILTERS), listing(proposal),
      "List all proposals with pagination", query=params(*FILTERS)),
    R("POST", "/api/v1/proposals", proposals.create_proposal, body(), record(proposal, 201),
      "Create a new proposal", fields=PROPOSAL_IN, status=201),
    R("GET", "/api/v1/proposals/{id}", get, path_id(), record(proposal),
      "Get proposal details by ID", label="Proposal"),
    R("PUT", "/api/v1/proposals/{id}", proposals.update_proposal, id_and_body(),
      record(proposal), "Update an existing proposal", fields=PROPOSAL_IN, label="Proposal"),
    R("DELETE", "/api/v1/proposals/{id}", proposals.delete_proposal, path_id(), deleted,
      "Delete a proposal", label="Proposal"),
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
