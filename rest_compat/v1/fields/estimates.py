"""Estimates: the customer as `clientid`, `expirydate`, lines in `items`."""

from __future__ import annotations

from resolvers import estimates
from resolvers.estimates import ConvertFields, EstimateFields
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import Shape, customer_alias
from rest_compat.v1.fields.documents import DOCUMENT_NAMES, DOCUMENT_READ_ONLY, priced

ESTIMATE_IN = FieldMap(
    fields={**customer_alias("clientid"), "expirydate": "expiry_date",
            "sale_agent": "sale_agent_id"},
    ignore=DOCUMENT_READ_ONLY,
    model=EstimateFields,
    required=("clientid", "items"),
    schema={"clientid": {"type": "integer", "description": "The customer's id"}},
)  # fmt: skip

ESTIMATE = Shape(names={**DOCUMENT_NAMES, "customer_id": "clientid", "expiry_date": "expirydate"},
                 table="estimates")  # fmt: skip
estimate = priced(estimates.RESOURCE, ESTIMATE, estimates.items_by_estimate_id, "estimate_items")

CONVERT_IN = FieldMap(fields={"duedate": "due_date"}, model=ConvertFields)
