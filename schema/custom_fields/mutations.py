"""Writing custom field definitions, and setting a record's values.

`setCustomFieldValues` writes through the record's own update verb, which checks the
caller may update it and records its event in the same transaction. Domains whose
update verb takes `custom_fields` add theirs to VALUE_WRITERS by GraphQL type name.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import strawberry

from resolvers import custom_fields, customers, expenses, leads, staff
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from schema.context import Info
from schema.custom_fields.inputs import CustomFieldInput, CustomFieldValueInput
from schema.custom_fields.types import CustomFieldType
from schema.errors import Payload, mutate
from schema.lookups.references import custom_values, naming
from schema.node import Node, RowType, decode_global_id
from schema.writes import mutations

ValueWriter = Callable[[Ctx, int, Mapping[str, Any]], Awaitable[Row]]

VALUE_WRITERS: dict[str, ValueWriter] = {
    "Lead": leads.update_lead,
    "Staff": staff.update_staff,
    "Expense": expenses.update_expense,
    "Customer": customers.update_customer_with_contacts,
}


async def _set_values(ctx: Ctx, global_id: str, values: list[CustomFieldValueInput]) -> Any:
    type_name, pk = decode_global_id(global_id)
    writer = VALUE_WRITERS.get(type_name)
    if writer is None:
        kinds = ", ".join(sorted(VALUE_WRITERS))
        raise Invalid.field("id", f"custom values of {type_name} records are not set here: "
                            f"only of {kinds}")  # fmt: skip
    node_type = RowType._registry[type_name][0]
    row = await writer(ctx, pk, {"custom_fields": custom_values(list(values), "values")})
    return node_type.from_row(row)


CustomFieldDefinitionMutation = mutations(
    custom_fields.CUSTOM_FIELDS, CustomFieldType, input=CustomFieldInput,
    descriptions={"delete": "Its values stay, unseen, until it is restored."},
)  # fmt: skip


@strawberry.type
class CustomFieldMutation:
    @strawberry.mutation(
        description="Set some custom values of a record (a Lead, Staff, Expense or Customer "
        "id); fields not listed keep theirs. Takes the right to update the record."
    )
    async def set_custom_field_values(
        self, info: Info, id: strawberry.ID, values: list[CustomFieldValueInput]
    ) -> Payload[Node]:
        ctx = info.context.ctx
        names = {"custom_fields": "values"}
        return await mutate(lambda: naming(lambda: _set_values(ctx, id, values), names), _same)


def _same(node: Any) -> Any:
    return node
