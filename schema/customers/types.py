"""The Customer node and its edges."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers import contacts, customers
from resolvers.pagination import Page
from schema.connection import Connection
from schema.contacts.types import ContactType
from schema.context import Info
from schema.node import Node, RowType


@strawberry.type(name="Customer")
class CustomerType(RowType, Node):
    company: str
    vat: str
    phone: str
    website: str
    address: str
    city: str
    state: str
    zip: str
    billing_street: str
    billing_city: str
    billing_state: str
    billing_zip: str
    shipping_street: str
    shipping_city: str
    shipping_state: str
    shipping_zip: str
    default_language: str
    active: bool
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="The customer's contacts, primary first.")
    async def contacts(self, info: Info) -> Connection[ContactType]:
        rows = await info.context.ctx.loader(contacts.contacts_by_customer_id).load(
            self.database_id
        )
        page = Page(rows=rows, has_next=False, has_previous=False, total=len(rows))
        return Connection.from_page(page, [ContactType.from_row(r) for r in rows])


CustomerType.register(
    (
        "company",
        "vat",
        "phone",
        "website",
        "address",
        "city",
        "state",
        "zip",
        "billing_street",
        "billing_city",
        "billing_state",
        "billing_zip",
        "shipping_street",
        "shipping_city",
        "shipping_state",
        "shipping_zip",
        "default_language",
        "active",
        "created_at",
        "updated_at",
    ),  # fmt: skip
    customers.get_customer,
)
