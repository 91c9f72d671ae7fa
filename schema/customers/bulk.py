"""Customers many at a time: a batch created all or nothing, archive/restore/delete item
by item, a merge and a purge. Each item of a batch or bulk answers for itself."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Annotated, Any

import strawberry

from resolvers import customers
from resolvers.core.context import Row
from resolvers.core.errors import Invalid, Unauthenticated
from schema.context import Info
from schema.customers.inputs import NewCustomerInput, customer_data
from schema.customers.types import CustomerType
from schema.errors import Payload, UserError, mutate, user_errors
from schema.ids import decode_id

Password = Annotated[
    str,
    strawberry.argument(
        description="The password of the staff member who owns the credential, as confirmation."
    ),
]


@strawberry.enum(description="What a bulk write does to each customer.")
class CustomerBulkAction(Enum):
    ARCHIVE = "archive"
    RESTORE = "restore"
    DELETE = "delete"


@strawberry.type(description="One id of a bulk write: the customer as written, or why not.")
class CustomerBulkItem:
    id: strawberry.ID
    record: CustomerType | None
    user_errors: list[UserError]


@strawberry.type
class CustomerBulkPayload:
    items: list[CustomerBulkItem] = strawberry.field(
        description="One per distinct id, in the order sent."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was done (too many ids...)."
    )


@strawberry.type(description="One customer of a batch: created, or why the batch was not.")
class CustomerBatchItem:
    index: int = strawberry.field(description="The item's position in `items`, from 0.")
    record: CustomerType | None
    user_errors: list[UserError]


@strawberry.type
class CustomerBatchPayload:
    items: list[CustomerBatchItem]
    user_errors: list[UserError] = strawberry.field(
        description="Why the batch as a whole was refused (empty, too long, an item failed)."
    )


@strawberry.type
class CustomerPurgePayload:
    purged_id: strawberry.ID | None = strawberry.field(
        description="The customer's global id, now naming nothing."
    )
    user_errors: list[UserError]


def _item_errors(errors: dict[str, str]) -> list[UserError]:
    # A contact's field keeps its path (contacts.0.email); the others are the customer's.
    found = Invalid(
        {k if k.startswith("contacts.") else f"customer.{k}": v for k, v in errors.items()}
    )
    return user_errors(found)


async def _confirmed(ctx_has_caller: bool, call: Callable[[], Awaitable[Any]]) -> Any:
    """A wrong password is the input's fault, not the session's: a userError on
    `password`, so a client does not sign its user out (no caller stays top-level)."""
    try:
        return await call()
    except Unauthenticated as exc:
        if not ctx_has_caller:
            raise
        raise Invalid.field("password", exc.message) from None


@strawberry.type
class CustomerBulkMutation:
    @strawberry.mutation(
        description=f"Create up to {customers.MAX_BATCH} customers (each with its contacts) "
        "in one transaction: all of them, or none, and then each failing item says why."
    )
    async def create_customers(
        self, info: Info, items: list[NewCustomerInput]
    ) -> CustomerBatchPayload:
        ctx = info.context.ctx
        data = [customer_data(item.customer, item.contacts) for item in items]
        try:
            rows = await customers.create_customers(ctx, data)
        except Invalid as exc:
            by_item = customers.batch_item_errors(exc)
            if not by_item:
                # The list as a whole ("customers" in the service's words).
                whole = [
                    UserError(field="items", code=exc.code, message=m) for m in exc.errors.values()
                ]
                return CustomerBatchPayload(items=[], user_errors=whole)
            failed = [
                CustomerBatchItem(index=i, record=None, user_errors=_item_errors(errors))
                for i, errors in sorted(by_item.items())
            ]
            summary = UserError(field="items", code=exc.code, message=exc.message)
            return CustomerBatchPayload(items=failed, user_errors=[summary])
        return CustomerBatchPayload(
            items=[
                CustomerBatchItem(index=i, record=CustomerType.from_row(r), user_errors=[])
                for i, r in enumerate(rows)
            ],
            user_errors=[],
        )

    @strawberry.mutation(
        description=f"Archive, restore (from archive or delete) or delete up to "
        f"{customers.MAX_BATCH} customers, item by item: each id is written or says why not, "
        "and one that fails leaves the others written."
    )
    async def bulk_customers(
        self, info: Info, action: CustomerBulkAction, ids: list[strawberry.ID]
    ) -> CustomerBulkPayload:
        ctx = info.context.ctx
        decoded: dict[strawberry.ID, int] = {}
        refused: dict[strawberry.ID, Invalid] = {}
        for given in dict.fromkeys(ids):
            try:
                decoded[given] = decode_id(given, CustomerType)
            except Invalid as exc:
                # 0 names no record: the service still checks the grant and the cap
                # over every id sent, and this item answers its own decoding error.
                decoded[given], refused[given] = 0, exc
        got = await mutate(
            lambda: customers.bulk_customers(ctx, action.value, list(decoded.values())), list
        )
        if got.record is None:
            return CustomerBulkPayload(items=[], user_errors=got.user_errors)
        done = {item.id: item for item in got.record}
        return CustomerBulkPayload(
            items=[_bulk_item(given, decoded, refused, done) for given in decoded],
            user_errors=[],
        )

    @strawberry.mutation(
        description="Move everything of the mergeable customer (contacts, documents, every "
        "record on it) to this one, then delete the merged customer."
    )
    async def merge_customers(
        self,
        info: Info,
        id: strawberry.ID,
        mergeable_id: strawberry.ID,
        password: Password,
    ) -> Payload[CustomerType]:
        ctx = info.context.ctx

        async def merge() -> Row:
            target = decode_id(id, CustomerType)
            merged = decode_id(mergeable_id, CustomerType, "mergeable_id")
            return await customers.merge_customers(ctx, target, merged, password=password)

        return await mutate(
            lambda: _confirmed(ctx.principal is not None, merge), CustomerType.from_row
        )

    @strawberry.mutation(
        description="Delete the customer and its contacts for good; refused while other "
        "records (invoices...) still point at it."
    )
    async def purge_customer(
        self,
        info: Info,
        id: strawberry.ID,
        password: Password,
    ) -> CustomerPurgePayload:
        ctx = info.context.ctx

        async def purge() -> strawberry.ID:
            await customers.purge_customer(ctx, decode_id(id, CustomerType), password=password)
            return id

        got = await mutate(lambda: _confirmed(ctx.principal is not None, purge), strawberry.ID)
        return CustomerPurgePayload(purged_id=got.record, user_errors=got.user_errors)


def _bulk_item(
    given: strawberry.ID,
    decoded: dict[strawberry.ID, int],
    refused: dict[strawberry.ID, Invalid],
    done: dict[int, customers.ItemResult],
) -> CustomerBulkItem:
    if given in refused:
        return CustomerBulkItem(id=given, record=None, user_errors=user_errors(refused[given]))
    result = done[decoded[given]]
    if result.row is not None:
        return CustomerBulkItem(id=given, record=CustomerType.from_row(result.row), user_errors=[])
    assert result.error is not None
    return CustomerBulkItem(id=given, record=None, user_errors=user_errors(result.error))
