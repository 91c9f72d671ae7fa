"""Line items for every priced document: their input shape, how they are written, and
the figures that follow from them (`resolvers.totals` holds the arithmetic)."""

from resolvers.line_items.figures import Discount, discount_of, figures
from resolvers.line_items.inputs import (
    LIMIT,
    MAX_ITEMS,
    AcceptanceFields,
    AddressFields,
    LineItemInput,
    LineItemsFields,
    PricedFields,
    Tags,
)
from resolvers.line_items.store import (
    ItemChanges,
    Kind,
    apply_items,
    copy_items,
    lines_by_document,
    stored_items,
)

__all__ = [
    "LIMIT",
    "MAX_ITEMS",
    "AcceptanceFields",
    "AddressFields",
    "Discount",
    "ItemChanges",
    "Kind",
    "LineItemInput",
    "LineItemsFields",
    "PricedFields",
    "Tags",
    "apply_items",
    "copy_items",
    "discount_of",
    "figures",
    "lines_by_document",
    "stored_items",
]
