"""Leads: `status` and `source` by id or name, `assigned` for the staff member."""

from __future__ import annotations

from resolvers.leads import LeadConversion, LeadFields
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import READ_ONLY, Shape

LEAD_IN = FieldMap(
    fields={"assigned": "assigned_id", "phonenumber": "phone"},
    ignore=READ_ONLY | {"added_by_id", "customer_id", "converted_at"},
    model=LeadFields,
    required=("name",),
    schema={"assigned": {"type": "integer", "description": "The staff member's id"}},
)

LEAD = Shape(
    names={"status_id": "status", "source_id": "source", "assigned_id": "assigned",
           "phone": "phonenumber", "country_id": "country"},
    table="leads",
)  # fmt: skip

CONVERSION_IN = FieldMap(fields={"phonenumber": "phone"}, model=LeadConversion)
