"""Customer records: the input models, create, read, update, delete and restore."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field, field_validator
from sqlalchemy import delete, insert
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers import lookups
from resolvers.core import events, reading, writes
from resolvers.core.context import Ctx, Row
from resolvers.core.getters import getter
from resolvers.core.json_select.bypass import generic_read
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.core.records import changes, insert_row, must_fetch, update_row
from resolvers.core.resources import Relation, Resource, Verbs, register, relate
from resolvers.core.validation import Fields, parse
from resolvers.models import Customer, CustomerGroup, CustomerGroupMember, table_of

RESOURCE = "customers"
CUSTOMERS = register(
    Resource(
        name=RESOURCE,
        model=Customer,
        label="Customer",
        search=("company", "vat", "phone", "website", "city", "address", "number", "id_number"),
        search_through=("contacts",),
        verbs=Verbs(delete=True, restore=True, event="customer"),
    )
)
relate(RESOURCE, "country", Relation("countries", "one", "country_id"))
relate(RESOURCE, "billing_country", Relation("countries", "one", "billing_country_id"))
relate(RESOURCE, "shipping_country", Relation("countries", "one", "shipping_country_id"))
relate(RESOURCE, "default_currency", Relation("currencies", "one", "default_currency_id"))
relate(
    RESOURCE,
    "groups",
    Relation("customer_groups", "through", "customer_id", CustomerGroupMember, "group_id"),
)
customers = CUSTOMERS.table
group_members = table_of(CustomerGroupMember)

_ADDRESS_FIELDS = (
    "address", "city", "state", "zip", "billing_street", "billing_city", "billing_state",
    "billing_zip", "shipping_street", "shipping_city", "shipping_state", "shipping_zip",
)  # fmt: skip


class CustomerFields(Fields):
    """Every writable customer field; updates send any subset."""

    company: str | None = Field(default=None, min_length=1, max_length=191)
    vat: str | None = Field(default=None, max_length=50)
    phone: str | None = Field(default=None, max_length=50)
    website: str | None = Field(default=None, max_length=191)
    address: str | None = Field(default=None, max_length=191)
    city: str | None = Field(default=None, max_length=100)
    state: str | None = Field(default=None, max_length=100)
    zip: str | None = Field(default=None, max_length=20)
    # A country id, or an ISO 3166 alpha-2/alpha-3 code.
    country: int | str | None = None
    billing_street: str | None = Field(default=None, max_length=191)
    billing_city: str | None = Field(default=None, max_length=100)
    billing_state: str | None = Field(default=None, max_length=100)
    billing_zip: str | None = Field(default=None, max_length=20)
    billing_country: int | str | None = None
    shipping_street: str | None = Field(default=None, max_length=191)
    shipping_city: str | None = Field(default=None, max_length=100)
    shipping_state: str | None = Field(default=None, max_length=100)
    shipping_zip: str | None = Field(default=None, max_length=20)
    shipping_country: int | str | None = None
    default_language: str | None = Field(default=None, max_length=40)
    # A currency id or its code ("USD").
    default_currency: int | str | None = None
    groups: list[int] | None = Field(default=None, max_length=100)
    active: bool | None = None
    number: str | None = Field(default=None, max_length=40)
    id_number: str | None = Field(default=None, max_length=40)
    private_notes: str | None = Field(default=None, max_length=10_000)
    public_notes: str | None = Field(default=None, max_length=10_000)

    @field_validator("website")
    @classmethod
    def _website(cls, value: str | None) -> str | None:
        if value and " " in value:
            raise ValueError("must be a URL without spaces")
        return value


class CustomerCreate(CustomerFields):
    company: str = Field(min_length=1, max_length=191)


async def customer_columns(ctx: Ctx, data: CustomerFields) -> dict[str, Any]:
    """Input fields as column values, with codes resolved to ids."""
    given = data.model_dump(exclude_unset=True, exclude={"groups"})
    values: dict[str, Any] = {k: v for k, v in given.items() if k not in _REFERENCES}
    for name, column in _REFERENCES.items():
        if name in given:
            values[column] = await _REFERENCE_LOOKUP[name](ctx, given[name], name)
    for name in _ADDRESS_FIELDS:
        if name in values and values[name] is None:
            values[name] = ""
    if data.groups:
        await lookups.require_ids(ctx, CustomerGroup, data.groups, "groups")
    return values


_REFERENCES = {
    "country": "country_id",
    "billing_country": "billing_country_id",
    "shipping_country": "shipping_country_id",
    "default_currency": "default_currency_id",
}
_REFERENCE_LOOKUP = {
    "country": lookups.country_id,
    "billing_country": lookups.country_id,
    "shipping_country": lookups.country_id,
    "default_currency": lookups.currency_id,
}


get_customer = getter(CUSTOMERS, __name__, "get_customer")


@generic_read(CUSTOMERS)
async def list_customers(ctx: Ctx, page: PageArgs, **query: Any) -> Page:
    return await reading.list_records(ctx, CUSTOMERS, page, **query)


async def create_customer(ctx: Ctx, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, RESOURCE, "create")
    fields = parse(CustomerCreate, data)
    values = await customer_columns(ctx, fields)
    async with ctx.db.write() as conn:
        return await insert_customer(conn, ctx, fields, values)


async def insert_customer(
    conn: AsyncConnection, ctx: Ctx, fields: CustomerCreate, values: Mapping[str, Any]
) -> Row:
    """Insert inside the caller's transaction; `values` come from `customer_columns`."""
    added_by = ctx.principal.staff_id if ctx.principal else None
    row = await insert_row(conn, customers, {"added_by_id": added_by, **values})
    await _set_groups(conn, row["id"], fields.groups)
    await events.record(conn, ctx, "customer.created", row["id"], {"company": row["company"]})
    return row


async def update_customer(ctx: Ctx, customer_id: int, data: Mapping[str, Any]) -> Row:
    require(ctx.principal, RESOURCE, "update")
    fields = parse(CustomerFields, data)
    values = await customer_columns(ctx, fields)
    async with ctx.db.write() as conn:
        return await change_customer(conn, ctx, customer_id, fields, values)


async def change_customer(
    conn: AsyncConnection,
    ctx: Ctx,
    customer_id: int,
    fields: CustomerFields,
    values: Mapping[str, Any],
) -> Row:
    """Update inside the caller's transaction; `values` come from `customer_columns`."""
    before = await must_fetch(conn, customers, customer_id, "Customer")
    row = await update_row(conn, customers, customer_id, values) if values else before
    await _set_groups(conn, customer_id, fields.groups)
    await events.record(conn, ctx, "customer.updated", customer_id, changes(before, values))
    return row


delete_customer = writes.operation(CUSTOMERS, "delete")
restore_customer = writes.operation(CUSTOMERS, "restore")


async def _set_groups(conn: AsyncConnection, customer_id: int, groups: list[int] | None) -> None:
    if groups is None:
        return
    await conn.execute(delete(group_members).where(group_members.c.customer_id == customer_id))
    if groups:
        await conn.execute(
            insert(group_members),
            [{"customer_id": customer_id, "group_id": g} for g in dict.fromkeys(groups)],
        )
