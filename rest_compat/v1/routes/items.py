"""The catalogue: items (products) and item groups."""

from __future__ import annotations

from resolvers import items
from rest_compat.readers import body, id_and_body, path_id
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.items import ITEM, ITEM_IN
from rest_compat.v1.routes.common import (
    SEARCH,
    Q,
    deleted,
    listing,
    pages,
    params,
    record,
    rows_of,
    shaped,
)

FILTERS = (Q("group_id", "integer"), SEARCH)
item = shaped(ITEM)

ROUTES = [
    R("GET", "/api/v1/items", items.list_items, pages(*FILTERS), listing(item),
      "List all items/products with pagination. Filterable by group_id, search",
      query=params(*FILTERS)),
    R("GET", "/api/v1/items/{id}", items.get_item, path_id(), record(item),
      "Get item details by ID", label="Item"),
    R("POST", "/api/v1/items", items.create_item, body(), record(item, 201),
      "Create a new item. Required: description (item name), rate", fields=ITEM_IN,
      status=201),
    R("PUT", "/api/v1/items/{id}", items.update_item, id_and_body(), record(item),
      "Update an existing item", fields=ITEM_IN, label="Item"),
    R("DELETE", "/api/v1/items/{id}", items.delete_item, path_id(), deleted, "Delete an item",
      label="Item"),
    R("GET", "/api/v1/items/groups", items.list_item_groups, pages(SEARCH),
      listing(rows_of("item_groups")), "List all item groups", query=params(SEARCH)),
]  # fmt: skip
