"""The Customer node and its edges."""

from __future__ import annotations

from datetime import datetime

import strawberry

import resolvers.contacts  # noqa: F401  (declares customers.contacts)
from resolvers.customers import CUSTOMERS, get_customer
from resolvers.reading import Order
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(CUSTOMERS, get_customer)
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
    contacts = relation_field(
        "contacts",
        description="The customer's contacts, primary first unless ordered otherwise.",
        order=[Order("is_primary", "desc")],
    )
