"""Estimates: priced offers a customer accepts or declines, convertible to invoices."""

from resolvers.estimates.actions import (
    ConvertFields,
    accept_estimate,
    convert_estimate_to_invoice,
    decline_estimate,
    expire_estimates,
    send_estimate,
)
from resolvers.estimates.reads import (
    create_estimate,
    delete_estimate,
    get_estimate,
    items_by_estimate_id,
    list_estimates,
    restore_estimate,
    update_estimate,
)
from resolvers.estimates.resource import (
    ACCEPTED,
    DECLINED,
    DRAFT,
    ESTIMATE_ITEMS,
    ESTIMATES,
    EXPIRED,
    RESOURCE,
    SENT,
    STATUS_NAMES,
    EstimateFields,
)

__all__ = [
    "ACCEPTED",
    "DECLINED",
    "DRAFT",
    "ESTIMATES",
    "ESTIMATE_ITEMS",
    "EXPIRED",
    "RESOURCE",
    "SENT",
    "STATUS_NAMES",
    "ConvertFields",
    "EstimateFields",
    "accept_estimate",
    "convert_estimate_to_invoice",
    "create_estimate",
    "decline_estimate",
    "delete_estimate",
    "expire_estimates",
    "get_estimate",
    "items_by_estimate_id",
    "list_estimates",
    "restore_estimate",
    "send_estimate",
    "update_estimate",
]
