"""The catalogue: items (`description` is the item's name) and their groups."""

from __future__ import annotations

from resolvers.items import ItemFields
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import READ_ONLY, Shape

ITEM_IN = FieldMap(
    fields={"tax": "tax_id", "tax2": "tax2_id"},
    ignore=READ_ONLY,
    model=ItemFields,
    required=("description", "rate"),
)

ITEM = Shape(table="items")
