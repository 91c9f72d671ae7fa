"""Tech9's field names for customers and contacts: integers stay integers."""

from __future__ import annotations

from typing import NotRequired, TypedDict

from resolvers.contacts import ContactFields
from resolvers.core.context import Ctx, Row
from resolvers.customers import CustomerFields
from rest_compat.envelopes import iso_time
from rest_compat.renames import FieldMap
from rest_compat.shared import contacts_of, country_code

CUSTOMER_IN = FieldMap(fields={}, model=CustomerFields, required=("company",))

CONTACT_IN = FieldMap(
    fields={"first_name": "firstname", "last_name": "lastname", "position": "title"},
    model=ContactFields,
    required=("first_name", "email"),
)


class Contact(TypedDict):
    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    position: str
    is_primary: bool


class Customer(TypedDict):
    id: int
    company: str
    vat: str
    website: str
    phone: str
    country: str | None
    address: str
    city: str
    zip: str
    created_at: str
    # A record read shows them; a list leaves them out.
    contacts: NotRequired[list[Contact]]


def contact(row: Row) -> Contact:
    return {
        "id": row["id"],
        "first_name": row["firstname"],
        "last_name": row["lastname"],
        "email": row["email"],
        "phone": row["phone"],
        "position": row["title"],
        "is_primary": bool(row["is_primary"]),
    }


async def customer(ctx: Ctx, row: Row, *, with_contacts: bool = True) -> Customer:
    out: Customer = {
        "id": row["id"],
        "company": row["company"],
        "vat": row["vat"],
        "website": row["website"],
        "phone": row["phone"],
        "country": await country_code(ctx, row["country_id"]),
        "address": row["address"],
        "city": row["city"],
        "zip": row["zip"],
        "created_at": iso_time(row["created_at"]),
    }
    if with_contacts:
        out["contacts"] = [contact(c) for c in await contacts_of(ctx, row["id"])]
    return out
