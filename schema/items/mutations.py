"""Writing catalogue items; documents that carry one keep their own copy of it."""

from __future__ import annotations

import strawberry

from resolvers import items
from schema.context import Info
from schema.errors import Payload
from schema.invoices.refs import write
from schema.items.inputs import NAMES, ItemInput, item_data
from schema.items.types import ItemType

Result = Payload[ItemType]


@strawberry.type
class ItemMutation:
    @strawberry.mutation
    async def create_item(self, info: Info, input: ItemInput) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx, lambda: items.create_item(ctx, item_data(input)), ItemType.from_row, NAMES
        )

    @strawberry.mutation
    async def update_item(self, info: Info, id: strawberry.ID, input: ItemInput) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: items.update_item(ctx, ItemType.pk_from(id), item_data(input)),
            ItemType.from_row,
            NAMES,
        )

    @strawberry.mutation
    async def delete_item(self, info: Info, id: strawberry.ID) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx, lambda: items.delete_item(ctx, ItemType.pk_from(id)), ItemType.from_row
        )

    @strawberry.mutation
    async def restore_item(self, info: Info, id: strawberry.ID) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx, lambda: items.restore_item(ctx, ItemType.pk_from(id)), ItemType.from_row
        )
