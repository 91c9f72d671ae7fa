"""Projects: the customer as the document's `clientid`."""

from __future__ import annotations

from resolvers.projects import ProjectFields
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import READ_ONLY, Shape, customer_alias

PROJECT_IN = FieldMap(
    fields=customer_alias("clientid"),
    ignore=READ_ONLY | {"added_by_id"},
    model=ProjectFields,
    required=("name", "clientid"),
    schema={"clientid": {"type": "integer", "description": "The customer's id"}},
)

PROJECT = Shape(names={"customer_id": "clientid"}, table="projects")
