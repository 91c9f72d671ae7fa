"""Custom fields: definitions per resource, and the values records carry."""

from resolvers.custom_fields.resource import (
    CHOICE_TYPES,
    CUSTOM_FIELDS,
    PERFEX_NAMES,
    RESOURCE,
    TYPES,
    belongs_to,
    create_custom_field,
    get_custom_field,
    list_custom_fields,
    update_custom_field,
)
from resolvers.custom_fields.values import (
    custom_values_for,
    search_custom_values,
    set_custom_values,
)

__all__ = [
    "CHOICE_TYPES",
    "CUSTOM_FIELDS",
    "PERFEX_NAMES",
    "RESOURCE",
    "TYPES",
    "belongs_to",
    "create_custom_field",
    "custom_values_for",
    "get_custom_field",
    "list_custom_fields",
    "search_custom_values",
    "set_custom_values",
    "update_custom_field",
]
