"""Reading the reference lists: each one by id and as a connection, in its natural order,
one pair of fields per list resolvers.reference declares (tax, taxes...)."""

from __future__ import annotations

from typing import Any

import strawberry

from resolvers.reference import LOOKUPS
from schema.fields import connection_field, record_field
from schema.lookups.types import natural_order


def _fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, spec in LOOKUPS.items():
        fields[spec.singular] = record_field(spec.resource)
        fields[name] = connection_field(spec.resource, order=natural_order(name))
    return fields


LookupQuery = strawberry.type(type("LookupQuery", (), _fields()), name="LookupQuery")
