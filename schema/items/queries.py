"""Reading the catalogue."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.items import ITEM_GROUPS, ITEMS, list_item_groups, list_items
from schema.fields import connection_field, record_field


@strawberry.type
class ItemQuery:
    item = record_field(ITEMS)
    items = connection_field(ITEMS, list_items)
    item_group = record_field(ITEM_GROUPS)
    item_groups = connection_field(ITEM_GROUPS, list_item_groups, order=[Order("name")])
