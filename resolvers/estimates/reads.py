"""Estimates: reading them; the ordinary verbs are declared with the resource."""

from __future__ import annotations

from resolvers.core.ordinary import operations
from resolvers.estimates.resource import ESTIMATES, KIND
from resolvers.line_items.reads import BY_CUSTOMER, BY_PROJECT, BY_STATUS, document_reads

READS = document_reads(ESTIMATES, KIND, __name__, BY_CUSTOMER | BY_PROJECT | BY_STATUS)
get_estimate, list_estimates, items_by_estimate_id = READS.get, READS.pages, READS.lines

# The ordinary verbs, as operations for the REST rows; GraphQL generates its own.
create_estimate, update_estimate, delete_estimate, restore_estimate = operations(ESTIMATES)
