"""Proposals: reading them (search: the generic one of their columns); their ordinary
verbs are declared with the resource (resolvers.proposals.rules)."""

from __future__ import annotations

from resolvers.core.ordinary import operations
from resolvers.line_items.reads import BY_CUSTOMER, BY_STATUS, document_reads, equal
from resolvers.proposals.resource import KIND, PROPOSALS

READS = document_reads(
    PROPOSALS, KIND, __name__, {**BY_CUSTOMER, "lead_id": equal("lead_id"), **BY_STATUS},
    numbered=False,
)  # fmt: skip
get_proposal, list_proposals, items_by_proposal_id = READS.get, READS.pages, READS.lines

# The ordinary verbs, as operations for the REST rows; GraphQL generates its own.
create_proposal, update_proposal, delete_proposal, restore_proposal = operations(PROPOSALS)
