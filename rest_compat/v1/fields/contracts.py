"""Contracts: the document's `client`, `datestart`, `dateend` and `contract_type`."""

from __future__ import annotations

from resolvers.contracts import ContractFields, RenewInput, SignInput
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import READ_ONLY, Shape, customer_alias

DATES = {"datestart": "start_date", "dateend": "end_date"}

CONTRACT_IN = FieldMap(
    fields={**customer_alias("client"), **DATES, "contract_type": "contract_type_id"},
    ignore=READ_ONLY | {
        "signed", "marked_as_signed", "signed_at", "is_expiry_notified", "sent", "sent_at",
        "added_by_id", "acceptance_firstname", "acceptance_lastname", "acceptance_email",
        "acceptance_ip", "accepted_at", "signature",
    },
    model=ContractFields,
    required=("client", "subject", "datestart"),
    schema={"client": {"type": "integer", "description": "The customer's id"}},
)  # fmt: skip

CONTRACT = Shape(
    names={"customer_id": "client", "start_date": "datestart", "end_date": "dateend",
           "contract_type_id": "contract_type", "currency_id": "currency"},
    table="contracts",
)  # fmt: skip

RENEW_IN = FieldMap(fields=DATES, model=RenewInput, required=("dateend",))
SIGN_IN = FieldMap(fields={}, model=SignInput)
