"""v2's customer: `account` is the company, `email` the primary contact's, `country` ISO."""

from __future__ import annotations

from resolvers.core.json_records import JsonShape
from resolvers.customers import RESOURCE as CUSTOMERS
from resolvers.customers import CustomerFields, customers
from resolvers.customers.actions import MAX_BATCH
from rest_compat.records import JSON_TYPES, Dialect, loaded
from rest_compat.renames import FieldMap
from rest_compat.shared import PRIMARY_EMAIL_IN
from rest_compat.tech9.fields.common import names_of

CUSTOMER_IN = FieldMap(
    fields={"account": "company", "email": "primary_email"},
    ignore=frozenset({"id", "created_at", "updated_at"}),
    model=CustomerFields,
    required=("account",),
    schema={
        "email": PRIMARY_EMAIL_IN,
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

# v2's declared records (rest_compat.records): JSON types, references by name.
V2 = Dialect(
    "rest_compat.v2",
    {**JSON_TYPES, **names_of("currencies", "ticket_priorities", "lead_sources", "lead_statuses")},
)
CUSTOMER = V2.record(
    "Customer",
    "id:int account=company email=id:primary_email phone address city state zip"
    " country=country_id:country_code created_at:iso_time updated_at:iso_time",
)
customer = loaded(CUSTOMER)
# `customer` made by the database (rest_compat.plans), field by field the same.
CUSTOMER_JSON = JsonShape(CUSTOMERS, customers, CUSTOMER.json_values())
