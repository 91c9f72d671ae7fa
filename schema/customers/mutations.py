"""Writing customers: one at a time (with its contacts, if sent), as a batch, in bulk,
merged into another, or purged for good."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from resolvers import customers
from schema.context import Info
from schema.customers.bulk import CustomerBulkMutation
from schema.customers.inputs import CustomerContactInput, CustomerInput, customer_data
from schema.customers.types import CustomerType
from schema.errors import Payload, answer
from schema.ids import decode_id
from schema.inputs import given
from schema.writes import mutations

__all__ = ["CustomerInput", "CustomerMutation"]


@strawberry.type
class CustomerSingleMutation:
    @strawberry.mutation(
        description="A customer; `contacts`, when given, are written with it in one "
        "transaction (all of them or none, and then no customer either)."
    )
    async def create_customer(
        self,
        info: Info,
        input: CustomerInput,
        contacts: list[CustomerContactInput] | None = None,
    ) -> Payload[CustomerType]:
        if contacts is None:
            return await answer(
                info,
                lambda ctx: customers.create_customer(ctx, given(input)),
                CustomerType.from_row,
            )
        return await answer(
            info,
            lambda ctx: customers.create_customer_with_contacts(
                ctx, customer_data(input, contacts)
            ),
            CustomerType.from_row,
        )

    @strawberry.mutation
    async def update_customer(
        self, info: Info, id: strawberry.ID, input: CustomerInput
    ) -> Payload[CustomerType]:
        return await answer(
            info,
            lambda ctx: customers.update_customer(ctx, decode_id(id, CustomerType), given(input)),
            CustomerType.from_row,
        )


CustomerMutation = merge_types(
    "CustomerMutation",
    (CustomerSingleMutation, mutations(customers.CUSTOMERS, CustomerType), CustomerBulkMutation),
)
