"""Perfex's field names and value formats for customers and contacts.

Perfex answers every value as a string ("userid": "3", "active": "1"), times as
"YYYY-MM-DD HH:MM:SS", and a missing country or currency as "0".
"""

from __future__ import annotations

from typing import Any, TypedDict

from resolvers.contacts import EMAIL_FLAGS, ContactFields
from resolvers.core.context import Row
from resolvers.core.json_records import JsonShape, Value
from resolvers.customers import RESOURCE as CUSTOMERS
from resolvers.customers import CustomerFields, customers
from rest_compat.envelopes import perfex_time
from rest_compat.renames import FieldMap, flag, integers


def text(value: Any) -> str | None:
    return None if value is None else str(value)


def ref(value: int | None) -> str:
    return "0" if value is None else str(value)


def yes(value: bool | None) -> str:
    return "1" if value else "0"


ADDRESSES = tuple(
    f"{kind}_{part}"
    for kind in ("billing", "shipping")
    for part in ("street", "city", "state", "zip")
)

# What a Perfex read shows and a client may echo back: accepted, not stored.
CUSTOMER_READ_ONLY = frozenset(
    {"userid", "datecreated", "leadid", "stripe_id", "addedfrom", "registration_confirmed",
     "show_primary_contact", "longitude", "latitude", "partnership_type", "id", "created_at",
     "contacts"}
)  # fmt: skip

CUSTOMER_IN = FieldMap(
    fields={"phonenumber": "phone", "groups_in": integers("groups")},
    ignore=CUSTOMER_READ_ONLY,
    model=CustomerFields,
    required=("company",),
    schema={
        "custom_fields[customers][ID]": {
            "type": "string",
            "description": "A custom field's value, by id",
        }
    },
)


class Customer(TypedDict):
    userid: str
    company: str
    vat: str
    phonenumber: str
    country: str
    city: str
    zip: str
    state: str
    address: str
    website: str
    datecreated: str
    active: str
    leadid: None
    billing_street: str
    billing_city: str
    billing_state: str
    billing_zip: str
    shipping_street: str
    shipping_city: str
    shipping_state: str
    shipping_zip: str
    billing_country: str
    shipping_country: str
    longitude: str | None
    latitude: str | None
    default_language: str
    default_currency: str
    show_primary_contact: str
    stripe_id: None
    registration_confirmed: str
    addedfrom: str


class Contact(TypedDict):
    id: str
    userid: str
    is_primary: str
    firstname: str
    lastname: str
    email: str
    phonenumber: str
    title: str | None
    datecreated: str
    last_login: str | None
    active: str
    direction: str | None
    permissions: list[str]
    invoice_emails: str
    estimate_emails: str
    credit_note_emails: str
    contract_emails: str
    task_emails: str
    project_emails: str
    ticket_emails: str


def customer(row: Row) -> Customer:
    return {
        "userid": str(row["id"]),
        "company": row["company"],
        "vat": row["vat"],
        "phonenumber": row["phone"],
        "country": ref(row["country_id"]),
        "city": row["city"],
        "zip": row["zip"],
        "state": row["state"],
        "address": row["address"],
        "website": row["website"],
        "datecreated": perfex_time(row["created_at"]),
        "active": yes(row["active"]),
        "leadid": None,
        # ADDRESSES, one by one.
        "billing_street": row["billing_street"],
        "billing_city": row["billing_city"],
        "billing_state": row["billing_state"],
        "billing_zip": row["billing_zip"],
        "shipping_street": row["shipping_street"],
        "shipping_city": row["shipping_city"],
        "shipping_state": row["shipping_state"],
        "shipping_zip": row["shipping_zip"],
        "billing_country": ref(row["billing_country_id"]),
        "shipping_country": ref(row["shipping_country_id"]),
        "longitude": row["longitude"],
        "latitude": row["latitude"],
        "default_language": row["default_language"],
        "default_currency": ref(row["default_currency_id"]),
        "show_primary_contact": yes(row["show_primary_contact"]),
        "stripe_id": None,
        "registration_confirmed": yes(row["registration_confirmed"]),
        "addedfrom": ref(row["added_by_id"]),
    }


# `customer` made by the database (rest_compat.plans), field by field the same.
CUSTOMER_JSON = JsonShape(
    CUSTOMERS,
    customers,
    (
        Value("userid", "id", "text"), Value("company", "company"), Value("vat", "vat"),
        Value("phonenumber", "phone"), Value("country", "country_id", "ref"),
        Value("city", "city"), Value("zip", "zip"), Value("state", "state"),
        Value("address", "address"), Value("website", "website"),
        Value("datecreated", "created_at", "time"), Value("active", "active", "flag"),
        Value("leadid", kind="null"),
        *(Value(name, name) for name in ADDRESSES),
        Value("billing_country", "billing_country_id", "ref"),
        Value("shipping_country", "shipping_country_id", "ref"),
        Value("longitude", "longitude"), Value("latitude", "latitude"),
        Value("default_language", "default_language"),
        Value("default_currency", "default_currency_id", "ref"),
        Value("show_primary_contact", "show_primary_contact", "flag"),
        Value("stripe_id", kind="null"),
        Value("registration_confirmed", "registration_confirmed", "flag"),
        Value("addedfrom", "added_by_id", "ref"),
    ),
)  # fmt: skip


CONTACT_READ_ONLY = frozenset(
    {"id", "userid", "datecreated", "new_pass_key", "new_pass_key_requested", "email_verified_at",
     "email_verification_key", "email_verification_sent_at", "last_ip", "last_login",
     "last_password_change", "profile_image", "donotsendwelcomeemail", "send_set_password_email"}
)  # fmt: skip

CONTACT_IN = FieldMap(
    fields={
        "phonenumber": "phone",
        "is_primary": flag("is_primary"),
        "active": flag("active"),
        "permissions": integers("permissions"),
        **{name: flag(name) for name in EMAIL_FLAGS},
    },
    ignore=CONTACT_READ_ONLY,
    model=ContactFields,
    required=("customer_id", "firstname", "lastname", "email"),
)


def contact(row: Row) -> Contact:
    return {
        "id": str(row["id"]),
        "userid": str(row["customer_id"]),
        "is_primary": yes(row["is_primary"]),
        "firstname": row["firstname"],
        "lastname": row["lastname"],
        "email": row["email"],
        "phonenumber": row["phone"],
        "title": row["title"] or None,
        "datecreated": perfex_time(row["created_at"]),
        "last_login": perfex_time(row["last_login_at"]),
        "active": yes(row["active"]),
        "direction": row["direction"] or None,
        "permissions": [p for p in str(row["permissions"] or "").split(",") if p],
        # EMAIL_FLAGS, one by one.
        "invoice_emails": yes(row["invoice_emails"]),
        "estimate_emails": yes(row["estimate_emails"]),
        "credit_note_emails": yes(row["credit_note_emails"]),
        "contract_emails": yes(row["contract_emails"]),
        "task_emails": yes(row["task_emails"]),
        "project_emails": yes(row["project_emails"]),
        "ticket_emails": yes(row["ticket_emails"]),
    }
