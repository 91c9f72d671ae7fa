"""Reading estimates and their lines."""

from __future__ import annotations

from resolvers.estimates import ESTIMATE_ITEMS, ESTIMATES, list_estimates
from schema.priced import document_query

EstimateQuery = document_query(ESTIMATES, list_estimates, ESTIMATE_ITEMS)
