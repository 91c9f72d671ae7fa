"""Reading customers."""

from __future__ import annotations

import strawberry

from resolvers import customers
from resolvers.pagination import PageArgs
from schema.connection import Connection
from schema.context import Info
from schema.customers.types import CustomerType


@strawberry.type
class CustomerQuery:
    @strawberry.field
    async def customer(
        self, info: Info, id: strawberry.ID | None = None, database_id: int | None = None
    ) -> CustomerType | None:
        pk = database_id if database_id is not None else CustomerType.pk_from(id)
        return CustomerType.maybe(await customers.get_customer(info.context.ctx, pk))

    @strawberry.field
    async def customers(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        search: str | None = None,
    ) -> Connection[CustomerType]:
        page = await customers.list_customers(
            info.context.ctx,
            PageArgs(first=first, after=after, last=last, before=before),
            search=search,
        )
        return Connection.from_page(page, [CustomerType.from_row(r) for r in page.rows])
