"""Reading proposals, their lines and comments."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.proposals import COMMENTS, PROPOSAL_ITEMS, PROPOSALS, list_proposals
from schema.fields import connection_field, record_field
from schema.proposals.types import ProposalCommentType, ProposalItemType, ProposalType

__all__ = ["ProposalCommentType", "ProposalItemType", "ProposalQuery", "ProposalType"]


@strawberry.type
class ProposalQuery:
    proposal = record_field(PROPOSALS)
    proposals = connection_field(PROPOSALS, list_proposals)
    proposal_item = record_field(PROPOSAL_ITEMS)
    proposal_items = connection_field(PROPOSAL_ITEMS, order=[Order("item_order")])
    proposal_comment = record_field(COMMENTS)
    proposal_comments = connection_field(COMMENTS, order=[Order("created_at")])
