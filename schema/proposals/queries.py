"""Reading proposals, their lines and comments."""

from __future__ import annotations

from resolvers.core.reading import Order
from resolvers.proposals import COMMENTS, PROPOSAL_ITEMS, PROPOSALS, list_proposals
from schema.fields import connection_field, record_field
from schema.priced import document_query

ProposalQuery = document_query(
    PROPOSALS, list_proposals, PROPOSAL_ITEMS,
    proposal_comment=record_field(COMMENTS),
    proposal_comments=connection_field(COMMENTS, order=[Order("created_at")]),
)  # fmt: skip
