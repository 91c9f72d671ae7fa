"""Writing the reference lists: create, update, delete and restore for each list the
service layer lets administrators change, e.g. createTax, updatePaymentMode."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import strawberry

from resolvers import reference
from resolvers.core.context import Ctx, Row
from schema.context import Info
from schema.errors import Payload, answer, answer_on
from schema.ids import decode_id
from schema.lookups import inputs
from schema.lookups.references import naming, renamed, service_data
from schema.lookups.types import NODES
from schema.node import RowType


@dataclass(frozen=True)
class Writable:
    name: str
    input: type
    references: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def node(self) -> type[RowType]:
        return NODES[self.name]


WRITABLE = (
    Writable("currencies", inputs.CurrencyInput),
    Writable("taxes", inputs.TaxInput),
    Writable("payment_modes", inputs.PaymentModeInput),
    Writable("customer_groups", inputs.NameInput),
    Writable("lead_statuses", inputs.StatusInput),
    Writable("lead_sources", inputs.NameInput),
    Writable("ticket_statuses", inputs.StatusInput),
    Writable("ticket_priorities", inputs.NameInput),
    Writable("ticket_services", inputs.NameInput),
    Writable("departments", inputs.DepartmentInput),
    Writable("roles", inputs.RoleInput),
    Writable("contract_types", inputs.NameInput),
    Writable("expense_categories", inputs.ExpenseCategoryInput),
    Writable("accounts", inputs.AccountInput, {"currency_id": ("Currency", "currency")}),
)


def _mutations(spec: Writable) -> dict[str, Any]:
    """create/update/delete/restore<Type> for one list."""
    name, node, refs = spec.name, spec.node, spec.references
    names = renamed(refs)
    payload = Payload[node]  # type: ignore[valid-type]
    label = node.graphql_name()

    async def create(self: Any, info: Info, input: Any) -> Any:
        async def write(ctx: Ctx) -> Row:
            return await reference.create_lookup(ctx, name, service_data(input, refs))

        return await answer(info, lambda ctx: naming(lambda: write(ctx), names), node.from_row)

    async def update(self: Any, info: Info, id: strawberry.ID, input: Any) -> Any:
        async def write(ctx: Ctx) -> Row:
            data = service_data(input, refs)
            return await reference.update_lookup(ctx, name, decode_id(id, node), data)

        return await answer(info, lambda ctx: naming(lambda: write(ctx), names), node.from_row)

    async def delete(self: Any, info: Info, id: strawberry.ID) -> Any:
        return await answer_on(
            info, node, id, lambda ctx, pk: reference.delete_lookup(ctx, name, pk)
        )

    async def restore(self: Any, info: Info, id: strawberry.ID) -> Any:
        return await answer_on(
            info, node, id, lambda ctx, pk: reference.restore_lookup(ctx, name, pk)
        )

    base = {"self": Any, "info": Info, "return": payload}
    create.__annotations__ = {**base, "input": spec.input}
    update.__annotations__ = {**base, "id": strawberry.ID, "input": spec.input}
    delete.__annotations__ = {**base, "id": strawberry.ID}
    restore.__annotations__ = {**base, "id": strawberry.ID}
    return {
        f"create_{name}": strawberry.mutation(
            resolver=create, name=f"create{label}", description=f"Add a {label} row."
        ),
        f"update_{name}": strawberry.mutation(
            resolver=update, name=f"update{label}", description="Change the fields given."
        ),
        f"delete_{name}": strawberry.mutation(
            resolver=delete,
            name=f"delete{label}",
            description="Retire a row no live record uses; the default row stays.",
        ),
        f"restore_{name}": strawberry.mutation(
            resolver=restore, name=f"restore{label}", description="Bring a deleted row back."
        ),
    }


LookupMutation = strawberry.type(
    type(
        "LookupMutation",
        (),
        {k: v for spec in WRITABLE for k, v in _mutations(spec).items()},
    ),
    name="LookupMutation",
)
