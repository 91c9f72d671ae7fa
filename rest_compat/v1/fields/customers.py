"""Customers and contacts: Perfex's names (`userid`, `phonenumber`) with JSON types."""

from __future__ import annotations

from resolvers.contacts import EMAIL_FLAGS, ContactFields, contacts
from resolvers.contacts import RESOURCE as CONTACTS
from resolvers.core.json_records import JsonShape, Value
from resolvers.customers import RESOURCE as CUSTOMERS
from resolvers.customers import CustomerFields, customers
from rest_compat.records import Field, address_lines, loaded
from rest_compat.renames import FieldMap, integers
from rest_compat.shared import PRIMARY_EMAIL_IN
from rest_compat.v1.fields.base import READ_ONLY, V1

CUSTOMER_IN = FieldMap(
    fields={"phonenumber": "phone", "email": "primary_email", "groups_in": integers("groups")},
    ignore=READ_ONLY | {"userid"},
    model=CustomerFields,
    required=("company",),
    schema={"email": PRIMARY_EMAIL_IN},
)

CONTACT_IN = FieldMap(
    fields={"userid": "customer_id", "phonenumber": "phone",
            "permissions": integers("permissions")},
    ignore=READ_ONLY,
    model=ContactFields,
    required=("userid", "firstname", "lastname", "email"),
    schema={"userid": {"type": "integer", "description": "The customer's id"}},
)  # fmt: skip


CUSTOMER = V1.record(
    "Customer",
    "id:int company email=id:primary_email vat phonenumber=phone website address city state zip"
    " country=country_id:int?", address_lines("billing"), address_lines("shipping"),
    "billing_country=billing_country_id:int? shipping_country=shipping_country_id:int?"
    " default_language default_currency=default_currency_id:int? active:bool"
    " created_at:iso_time updated_at:iso_time",
)  # fmt: skip
customer = loaded(CUSTOMER)
# `customer` made by the database (rest_compat.plans), field by field the same.
CUSTOMER_JSON = JsonShape(CUSTOMERS, customers, CUSTOMER.json_values())

CONTACT = V1.record(
    "Contact",
    "id:int userid=customer_id:int firstname lastname email phonenumber=phone title"
    " is_primary:bool active:bool direction",
    Field("permissions", list[int],
          lambda row: [int(p) for p in str(row["permissions"] or "").split(",") if p],
          Value("permissions", "permissions", "id_list")),
    " ".join(f"{name}:bool" for name in EMAIL_FLAGS), "created_at:iso_time updated_at:iso_time",
)  # fmt: skip
contact = loaded(CONTACT)
CONTACT_JSON = JsonShape(CONTACTS, contacts, CONTACT.json_values())
