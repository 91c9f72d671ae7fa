"""Writing subscriptions."""

from __future__ import annotations

import strawberry

from resolvers import subscriptions
from schema.context import Info
from schema.errors import Payload
from schema.ids import decode_id
from schema.invoices.refs import write
from schema.subscriptions.inputs import NAMES, SubscriptionInput, subscription_data
from schema.subscriptions.types import SubscriptionType

Result = Payload[SubscriptionType]


@strawberry.type
class SubscriptionMutation:
    @strawberry.mutation
    async def create_subscription(self, info: Info, input: SubscriptionInput) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: subscriptions.create_subscription(ctx, subscription_data(input)),
            SubscriptionType.from_row,
            NAMES,
        )

    @strawberry.mutation
    async def update_subscription(
        self, info: Info, id: strawberry.ID, input: SubscriptionInput
    ) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: subscriptions.update_subscription(
                ctx, decode_id(id, SubscriptionType), subscription_data(input)
            ),
            SubscriptionType.from_row,
            NAMES,
        )

    @strawberry.mutation
    async def delete_subscription(self, info: Info, id: strawberry.ID) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: subscriptions.delete_subscription(ctx, decode_id(id, SubscriptionType)),
            SubscriptionType.from_row,
        )

    @strawberry.mutation
    async def restore_subscription(self, info: Info, id: strawberry.ID) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: subscriptions.restore_subscription(ctx, decode_id(id, SubscriptionType)),
            SubscriptionType.from_row,
        )
