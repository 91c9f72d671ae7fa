"""Customers and contacts: Perfex's names (`userid`, `phonenumber`) with JSON types."""

from __future__ import annotations

from typing import TypedDict

from resolvers.contacts import ContactFields
from resolvers.core.context import Ctx, Row
from resolvers.core.json_records import JsonShape, Value
from resolvers.customers import RESOURCE as CUSTOMERS
from resolvers.customers import CustomerFields, customers
from rest_compat.envelopes import iso_time
from rest_compat.renames import FieldMap, integers
from rest_compat.shared import primary_email
from rest_compat.v1.fields.base import READ_ONLY

CUSTOMER_IN = FieldMap(
    fields={"phonenumber": "phone", "email": "primary_email", "groups_in": integers("groups")},
    ignore=READ_ONLY | {"userid"},
    model=CustomerFields,
    required=("company",),
    # Read as the primary contact's email (ContactFields' rule); "" or null sets none.
    schema={"email": {"anyOf": [{"type": "string", "format": "email"}, {"const": ""},
                                {"type": "null"}],
                      "description": "The primary contact's email"}},
)  # fmt: skip

CONTACT_IN = FieldMap(
    fields={"userid": "customer_id", "phonenumber": "phone",
            "permissions": integers("permissions")},
    ignore=READ_ONLY,
    model=ContactFields,
    required=("userid", "firstname", "lastname", "email"),
    schema={"userid": {"type": "integer", "description": "The customer's id"}},
)  # fmt: skip


class Customer(TypedDict):
    id: int
    company: str
    email: str | None
    vat: str
    phonenumber: str
    website: str
    address: str
    city: str
    state: str
    zip: str
    country: int | None
    billing_street: str
    billing_city: str
    billing_state: str
    billing_zip: str
    shipping_street: str
    shipping_city: str
    shipping_state: str
    shipping_zip: str
    billing_country: int | None
    shipping_country: int | None
    default_language: str
    default_currency: int | None
    active: bool
    created_at: str
    updated_at: str


class Contact(TypedDict):
    id: int
    userid: int
    firstname: str
    lastname: str
    email: str
    phonenumber: str
    title: str
    is_primary: bool
    active: bool
    direction: str
    permissions: list[int]
    invoice_emails: bool
    estimate_emails: bool
    credit_note_emails: bool
    contract_emails: bool
    task_emails: bool
    project_emails: bool
    ticket_emails: bool
    created_at: str
    updated_at: str


async def customer(ctx: Ctx, row: Row) -> Customer:
    return {
        "id": row["id"],
        "company": row["company"],
        "email": await primary_email(ctx, row["id"]),
        "vat": row["vat"],
        "phonenumber": row["phone"],
        "website": row["website"],
        "address": row["address"],
        "city": row["city"],
        "state": row["state"],
        "zip": row["zip"],
        "country": row["country_id"],
        # The billing and shipping address (perfex.fields.ADDRESSES), one by one.
        "billing_street": row["billing_street"],
        "billing_city": row["billing_city"],
        "billing_state": row["billing_state"],
        "billing_zip": row["billing_zip"],
        "shipping_street": row["shipping_street"],
        "shipping_city": row["shipping_city"],
        "shipping_state": row["shipping_state"],
        "shipping_zip": row["shipping_zip"],
        "billing_country": row["billing_country_id"],
        "shipping_country": row["shipping_country_id"],
        "default_language": row["default_language"],
        "default_currency": row["default_currency_id"],
        "active": bool(row["active"]),
        "created_at": iso_time(row["created_at"]),
        "updated_at": iso_time(row["updated_at"]),
    }


ADDRESSES = tuple(
    f"{kind}_{part}"
    for kind in ("billing", "shipping")
    for part in ("street", "city", "state", "zip")
)

# `customer` made by the database (rest_compat.plans), field by field the same.
CUSTOMER_JSON = JsonShape(
    CUSTOMERS,
    customers,
    (
        Value("id", "id"), Value("company", "company"), Value("email", kind="primary_email"),
        Value("vat", "vat"), Value("phonenumber", "phone"), Value("website", "website"),
        Value("address", "address"), Value("city", "city"), Value("state", "state"),
        Value("zip", "zip"), Value("country", "country_id"),
        *(Value(name, name) for name in ADDRESSES),
        Value("billing_country", "billing_country_id"),
        Value("shipping_country", "shipping_country_id"),
        Value("default_language", "default_language"),
        Value("default_currency", "default_currency_id"),
        Value("active", "active", "bool"),
        Value("created_at", "created_at", "iso_time"),
        Value("updated_at", "updated_at", "iso_time"),
    ),
)  # fmt: skip


def contact(row: Row) -> Contact:
    return {
        "id": row["id"],
        "userid": row["customer_id"],
        "firstname": row["firstname"],
        "lastname": row["lastname"],
        "email": row["email"],
        "phonenumber": row["phone"],
        "title": row["title"],
        "is_primary": bool(row["is_primary"]),
        "active": bool(row["active"]),
        "direction": row["direction"],
        "permissions": [int(p) for p in str(row["permissions"] or "").split(",") if p],
        # The email flags (resolvers.contacts.EMAIL_FLAGS), one by one.
        "invoice_emails": bool(row["invoice_emails"]),
        "estimate_emails": bool(row["estimate_emails"]),
        "credit_note_emails": bool(row["credit_note_emails"]),
        "contract_emails": bool(row["contract_emails"]),
        "task_emails": bool(row["task_emails"]),
        "project_emails": bool(row["project_emails"]),
        "ticket_emails": bool(row["ticket_emails"]),
        "created_at": iso_time(row["created_at"]),
        "updated_at": iso_time(row["updated_at"]),
    }
