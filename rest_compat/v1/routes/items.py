"""The catalogue: items (products) and item groups."""

from __future__ import annotations

from resolvers import items
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.items import ITEM, ITEM_IN
from rest_compat.v1.routes.common import (
    SEARCH,
    Q,
    listing,
    pages,
    params,
    rows_of,
    shaped,
)
from rest_compat.v1.routes.crud import Crud, Noun, crud_rows

FILTERS = (Q("group_id", "integer"), SEARCH)
item = shaped(ITEM)
ITEM_TITLES = {
    "list": "List all items/products with pagination. Filterable by group_id, search",
    "create": "Create a new item. Required: description (item name), rate",
}

ROUTES = [
    *crud_rows("/api/v1/items", Noun("item", "an", titles=ITEM_TITLES),
               Crud(items.list_items, items.create_item, items.get_item, items.update_item,
                    items.delete_item),
               item, ITEM_IN, FILTERS),
    R("GET", "/api/v1/items/groups", items.list_item_groups, pages(SEARCH),
      listing(rows_of("item_groups")), "List all item groups", query=params(SEARCH)),
]  # fmt: skip
