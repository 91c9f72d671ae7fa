"""Tech9's field names for customers and contacts: integers stay integers."""

from __future__ import annotations

from typing import Any

from resolvers.contacts import ContactFields
from resolvers.core.context import Ctx, Row
from resolvers.core.json_records import JsonShape
from resolvers.customers import RESOURCE as CUSTOMERS
from resolvers.customers import CustomerFields, customers
from rest_compat.records import described, given, list_of
from rest_compat.renames import FieldMap
from rest_compat.shared import contacts_of
from rest_compat.tech9.fields.common import TECH9

CUSTOMER_IN = FieldMap(fields={}, model=CustomerFields, required=("company",))

CONTACT_IN = FieldMap(
    fields={"first_name": "firstname", "last_name": "lastname", "position": "title"},
    model=ContactFields,
    required=("first_name", "email"),
)


contact = TECH9.record(
    "Contact",
    "id:int first_name=firstname last_name=lastname email phone position=title is_primary:bool",
)
_CUSTOMER = (
    "id:int company vat website phone country=country_id:country_code address city zip"
    " created_at:iso_time"
)
# A record read shows its contacts; a list leaves them out.
CUSTOMER = TECH9.record(
    "Customer", _CUSTOMER, TECH9.part("Contacts", given("contacts", list_of(contact)))
)
_OWN = TECH9.record("CustomerOwn", _CUSTOMER)
# A listed customer (no contacts) made by the database (rest_compat.plans).
LISTED_JSON = JsonShape(CUSTOMERS, customers, _OWN.json_values())


async def _customer(ctx: Ctx, row: Row, *, with_contacts: bool = True) -> dict[str, Any]:
    out = await _OWN.load(ctx, row)
    if with_contacts:
        out["contacts"] = [contact(c) for c in await contacts_of(ctx, row["id"])]
    return out


customer = described(CUSTOMER, _customer)
