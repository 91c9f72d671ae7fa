"""Perfex's field names and value formats for customers and contacts.

Perfex answers every value as a string ("userid": "3", "active": "1"), times as
"YYYY-MM-DD HH:MM:SS", and a missing country or currency as "0".
"""

from __future__ import annotations

from resolvers.contacts import EMAIL_FLAGS, ContactFields
from resolvers.core.json_records import JsonShape
from resolvers.customers import RESOURCE as CUSTOMERS
from resolvers.customers import CustomerFields, customers
from rest_compat.perfex.formats import PERFEX
from rest_compat.records import Field, address_lines
from rest_compat.renames import FieldMap, flag, integers

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


CUSTOMER = PERFEX.record(
    "Customer",
    "userid=id:str company vat phonenumber=phone country=country_id:ref city zip state address"
    " website datecreated=created_at:stamp active:yes leadid:null",
    address_lines("billing"),
    address_lines("shipping"),
    "billing_country=billing_country_id:ref shipping_country=shipping_country_id:ref longitude?"
    " latitude? default_language default_currency=default_currency_id:ref"
    " show_primary_contact:yes stripe_id:null registration_confirmed:yes addedfrom=added_by_id:ref",
)
customer = CUSTOMER
# `customer` made by the database (rest_compat.plans), field by field the same.
CUSTOMER_JSON = JsonShape(CUSTOMERS, customers, CUSTOMER.json_values())


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


CONTACT = PERFEX.record(
    "Contact",
    "id:str userid=customer_id:str is_primary:yes firstname lastname email phonenumber=phone"
    " title:or_none datecreated=created_at:stamp last_login=last_login_at:stamp? active:yes"
    " direction:or_none",
    Field("permissions", list[str],
          lambda row: [p for p in str(row["permissions"] or "").split(",") if p]),
    " ".join(f"{name}:yes" for name in EMAIL_FLAGS),
)  # fmt: skip
contact = CONTACT
