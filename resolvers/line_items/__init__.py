"""Line items for every priced document: their input shape, how they are written, and
the figures that follow from them (`resolvers.totals` holds the arithmetic)."""

from resolvers.line_items.figures import discount_of, figures
from resolvers.line_items.inputs import LIMIT, PricedFields, Tags
from resolvers.line_items.store import Kind, apply_items, copy_items, stored_items

__all__ = [
    "LIMIT",
    "Kind",
    "PricedFields",
    "Tags",
    "apply_items",
    "copy_items",
    "discount_of",
    "figures",
    "stored_items",
]
