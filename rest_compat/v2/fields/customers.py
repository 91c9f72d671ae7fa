"""v2's customer: `account` is the company, `email` the primary contact's, `country` ISO."""

from __future__ import annotations

from typing import TypedDict

from resolvers.core.context import Ctx, Row
from resolvers.customers import CustomerFields
from resolvers.customers.actions import MAX_BATCH
from rest_compat.envelopes import iso_time
from rest_compat.renames import FieldMap
from rest_compat.shared import country_code, primary_email

CUSTOMER_IN = FieldMap(
    fields={"account": "company", "email": "primary_email"},
    ignore=frozenset({"id", "created_at", "updated_at"}),
    model=CustomerFields,
    required=("account",),
    schema={
        "email": {"type": "string", "format": "email", "description": "Primary contact email"},
        "country": {"type": "string", "description": "ISO 3166 code, e.g. US"},
    },
)

BATCH_IN = FieldMap(
    fields={},
    nested={"customers": CUSTOMER_IN},
    required=("customers",),
    # Each item as CUSTOMER_IN (the nested map), as many as create_customers takes.
    schema={"customers": {"minItems": 1, "maxItems": MAX_BATCH}},
)

# The fields v2 documents; the others stay the service's business.
DOCUMENTED = ("account", "email", "phone", "address", "city", "state", "zip", "country")


class Customer(TypedDict):
    id: int
    account: str
    email: str | None
    phone: str
    address: str
    city: str
    state: str
    zip: str
    country: str | None
    created_at: str
    updated_at: str


async def customer(ctx: Ctx, row: Row) -> Customer:
    return {
        "id": row["id"],
        "account": row["company"],
        "email": await primary_email(ctx, row["id"]),
        "phone": row["phone"],
        "address": row["address"],
        "city": row["city"],
        "state": row["state"],
        "zip": row["zip"],
        "country": await country_code(ctx, row["country_id"]),
        "created_at": iso_time(row["created_at"]),
        "updated_at": iso_time(row["updated_at"]),
    }
