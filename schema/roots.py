"""A resource's two root query fields: one record by its id or databaseId, and the
connection over all of them (`schema.fields` builds each)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from resolvers.core.reading import Order
from resolvers.core.resources import Resource
from schema.fields import ListFn, connection_field, record_field


def roots(
    resource: Resource,
    list_fn: ListFn | None = None,
    *,
    description: str | None = None,
    order: Sequence[Order] = (),
) -> tuple[Any, Any]:
    """(the record field, the connection field), for `one, many = roots(...)`."""
    many = connection_field(resource, list_fn, description=description, order=order)
    return record_field(resource), many
