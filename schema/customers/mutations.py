"""Writing customers."""

from __future__ import annotations

import strawberry

from resolvers import customers
from schema.context import Info
from schema.customers.types import CustomerType
from schema.errors import Payload, mutate
from schema.ids import decode_id
from schema.inputs import given


@strawberry.input
class CustomerInput:
    company: str | None = strawberry.UNSET
    vat: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    address: str | None = strawberry.UNSET
    city: str | None = strawberry.UNSET
    state: str | None = strawberry.UNSET
    zip: str | None = strawberry.UNSET
    country: str | None = strawberry.field(
        default=strawberry.UNSET, description="ISO 3166 code, e.g. AE."
    )
    billing_street: str | None = strawberry.UNSET
    billing_city: str | None = strawberry.UNSET
    billing_state: str | None = strawberry.UNSET
    billing_zip: str | None = strawberry.UNSET
    billing_country: str | None = strawberry.UNSET
    shipping_street: str | None = strawberry.UNSET
    shipping_city: str | None = strawberry.UNSET
    shipping_state: str | None = strawberry.UNSET
    shipping_zip: str | None = strawberry.UNSET
    shipping_country: str | None = strawberry.UNSET
    default_language: str | None = strawberry.UNSET
    default_currency: str | None = strawberry.field(
        default=strawberry.UNSET, description="Currency code, e.g. USD."
    )
    active: bool | None = strawberry.UNSET


@strawberry.type
class CustomerMutation:
    @strawberry.mutation
    async def create_customer(self, info: Info, input: CustomerInput) -> Payload[CustomerType]:
        return await mutate(
            lambda: customers.create_customer(info.context.ctx, given(input)), CustomerType.from_row
        )

    @strawberry.mutation
    async def update_customer(
        self, info: Info, id: strawberry.ID, input: CustomerInput
    ) -> Payload[CustomerType]:
        ctx = info.context.ctx
        return await mutate(
            lambda: customers.update_customer(ctx, decode_id(id, CustomerType), given(input)),
            CustomerType.from_row,
        )

    @strawberry.mutation
    async def delete_customer(self, info: Info, id: strawberry.ID) -> Payload[CustomerType]:
        ctx = info.context.ctx
        return await mutate(
            lambda: customers.delete_customer(ctx, decode_id(id, CustomerType)),
            CustomerType.from_row,
        )

    @strawberry.mutation
    async def restore_customer(self, info: Info, id: strawberry.ID) -> Payload[CustomerType]:
        ctx = info.context.ctx
        return await mutate(
            lambda: customers.restore_customer(ctx, decode_id(id, CustomerType)),
            CustomerType.from_row,
        )
