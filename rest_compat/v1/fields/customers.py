"""Customers and contacts: Perfex's names (`userid`, `phonenumber`) with JSON types."""

from __future__ import annotations

from typing import Any

from resolvers.contacts import EMAIL_FLAGS, ContactFields
from resolvers.context import Ctx, Row
from resolvers.customers import CustomerFields
from rest_compat.envelopes import iso_time
from rest_compat.perfex.fields import ADDRESSES
from rest_compat.renames import FieldMap, integers
from rest_compat.shared import primary_email
from rest_compat.v1.fields.base import READ_ONLY

CUSTOMER_IN = FieldMap(
    fields={"phonenumber": "phone", "email": "primary_email", "groups_in": integers("groups")},
    ignore=READ_ONLY | {"userid"},
    model=CustomerFields,
    required=("company",),
    schema={"email": {"type": "string", "format": "email",
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


async def customer(ctx: Ctx, row: Row) -> dict[str, Any]:
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
        **{name: row[name] for name in ADDRESSES},
        "billing_country": row["billing_country_id"],
        "shipping_country": row["shipping_country_id"],
        "default_language": row["default_language"],
        "default_currency": row["default_currency_id"],
        "active": bool(row["active"]),
        "created_at": iso_time(row["created_at"]),
        "updated_at": iso_time(row["updated_at"]),
    }


def contact(row: Row) -> dict[str, Any]:
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
        **{name: bool(row[name]) for name in EMAIL_FLAGS},
        "created_at": iso_time(row["created_at"]),
        "updated_at": iso_time(row["updated_at"]),
    }
