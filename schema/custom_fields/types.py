"""The CustomField node, the values records carry, and the one-line field that adds
them to any node type:

    custom_fields = custom_fields_field("invoices")
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Self

import strawberry

from resolvers.custom_fields import CUSTOM_FIELDS, custom_values_for, get_custom_field
from resolvers.custom_fields.resource import options_of
from schema.context import Info
from schema.fields import graph_node
from schema.node import Node, RowType, encode_global_id


@graph_node(CUSTOM_FIELDS, get_custom_field)
@strawberry.type(name="CustomField")
class CustomFieldType(RowType, Node):
    field_to: str = strawberry.field(description="The kind of record it belongs to.")
    name: str
    slug: str
    type: str
    required: bool
    field_order: int
    active: bool
    show_on_pdf: bool
    show_on_client_portal: bool
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="The choices of select, multiselect and checkbox fields.")
    def options(self) -> list[str]:
        return options_of(self._row)


@strawberry.type(
    name="CustomFieldValue",
    description="An active custom field of a record, with the record's value.",
)
class CustomFieldValueType:
    field_name: str = strawberry.field(
        description='The form key Perfex uses: "custom_fields[leads][3]".'
    )
    custom_field_id: strawberry.ID = strawberry.field(description="The CustomField's id.")
    label: str
    type: str
    required: bool
    value: str = strawberry.field(
        description='"" when unset; choice fields hold a JSON list of the chosen options.'
    )
    options: list[str]

    @classmethod
    def from_shape(cls, shaped: Mapping[str, Any]) -> Self:
        return cls(
            field_name=shaped["field_name"],
            custom_field_id=strawberry.ID(
                encode_global_id("CustomField", shaped["custom_field_id"])
            ),
            label=shaped["label"],
            type=shaped["type"],
            required=shaped["required"],
            value=shaped["value"],
            options=json.loads(shaped.get("options") or "[]"),
        )


def custom_fields_field(field_to: str) -> Any:
    """The `customFields` of a node type over the resource `field_to` ("invoices"):
    every active field with the record's value, loaded for a page of records at once."""

    async def resolve(root: Any, info: Info) -> list[CustomFieldValueType]:
        loader = info.context.ctx.loader(custom_values_for, field_to)
        shaped = await loader.load(root.database_id)
        return [CustomFieldValueType.from_shape(s) for s in shaped]

    return strawberry.field(
        resolver=resolve,
        description="The active custom fields of this kind of record, in form order.",
    )
