"""Reading custom field definitions."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.custom_fields import CUSTOM_FIELDS
from schema.fields import connection_field, record_field


@strawberry.type
class CustomFieldQuery:
    custom_field = record_field(CUSTOM_FIELDS)
    custom_fields = connection_field(
        CUSTOM_FIELDS, description="Custom field definitions, in form order.",
        order=[Order("field_to"), Order("field_order")],
    )  # fmt: skip
