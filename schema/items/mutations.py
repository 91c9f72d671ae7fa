"""Writing catalogue items; documents that carry one keep their own copy of it."""

from __future__ import annotations

from resolvers import items
from schema.items.inputs import NAMES, ItemInput, item_data
from schema.items.types import ItemType
from schema.writes import mutations

ItemMutation = mutations(
    items.ITEMS,
    ItemType,
    input=ItemInput,
    data=item_data,
    names=NAMES,
)
