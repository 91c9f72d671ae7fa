"""Reading estimates and their lines."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.estimates import ESTIMATE_ITEMS, ESTIMATES, list_estimates
from schema.estimates.types import EstimateItemType, EstimateType
from schema.fields import connection_field, record_field

__all__ = ["EstimateItemType", "EstimateQuery", "EstimateType"]


@strawberry.type
class EstimateQuery:
    estimate = record_field(ESTIMATES)
    estimates = connection_field(ESTIMATES, list_estimates)
    estimate_item = record_field(ESTIMATE_ITEMS)
    estimate_items = connection_field(ESTIMATE_ITEMS, order=[Order("item_order")])
