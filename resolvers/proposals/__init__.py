"""Proposals: rich offers to a customer or a lead, with lines, comments and acceptance."""

from resolvers.proposals.actions import (
    accept_proposal,
    add_proposal_comment,
    decline_proposal,
    list_proposal_comments,
    send_proposal,
)
from resolvers.proposals.reads import (
    create_proposal,
    delete_proposal,
    get_proposal,
    items_by_proposal_id,
    list_proposals,
    restore_proposal,
    update_proposal,
)
from resolvers.proposals.resource import (
    ACCEPTED,
    COMMENTS,
    DECLINED,
    DRAFT,
    OPEN,
    PROPOSAL_ITEMS,
    PROPOSALS,
    RESOURCE,
    REVISED,
    SENT,
    STATUS_NAMES,
    ProposalFields,
)

__all__ = [
    "ACCEPTED",
    "COMMENTS",
    "DECLINED",
    "DRAFT",
    "OPEN",
    "PROPOSALS",
    "PROPOSAL_ITEMS",
    "RESOURCE",
    "REVISED",
    "SENT",
    "STATUS_NAMES",
    "ProposalFields",
    "accept_proposal",
    "add_proposal_comment",
    "create_proposal",
    "decline_proposal",
    "delete_proposal",
    "get_proposal",
    "items_by_proposal_id",
    "list_proposal_comments",
    "list_proposals",
    "restore_proposal",
    "send_proposal",
    "update_proposal",
]
