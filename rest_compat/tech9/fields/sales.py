"""tech9's invoices, payments, estimates and proposals: `issue_date`, `unit_price`,
`paid_at`, `method`, `rel_type`/`rel_id`, and statuses written in lower case."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from resolvers import estimates, invoices, proposals
from resolvers.core.patterns import PY_SPACE
from resolvers.documents import SendFields
from resolvers.documents.sending import MAX_RECIPIENTS
from resolvers.estimates import EstimateFields
from resolvers.invoices import InvoiceFields
from resolvers.payments import PaymentFields
from resolvers.proposals import ProposalFields
from resolvers.totals import DRAFT, UNPAID
from rest_compat.readers import any_case_of
from rest_compat.renames import FieldMap, Into
from rest_compat.tech9.fields.common import ITEM_IN, LINES_SCHEMA, AliasedMap, slug


def _invoice_status(value: Any) -> Mapping[str, Any]:
    # "draft" or "unpaid" (or their codes); the service refuses the statuses payments decide.
    return {"status": None if value in (None, "") else invoices.status_code(value)}


# What `_invoice_status` takes: a creatable status by name in any case, or by code (as a
# number or digits), or "" or null for the default.
INVOICE_STATUS: dict[str, Any] = {"anyOf": [
    {"type": "string", "pattern": any_case_of(("draft", "unpaid"))},
    {"type": "string", "pattern": rf"^{PY_SPACE}*0{{0,8}}[16]{PY_SPACE}*$"},
    {"type": "integer", "enum": [UNPAID, DRAFT]},
    {"const": ""},
    {"type": "null"},
]}  # fmt: skip


INVOICE_IN = FieldMap(
    fields={"issue_date": "date", "status": _invoice_status},
    nested={"items": ITEM_IN},
    model=InvoiceFields,
    required=("customer_id", "items"),
    schema={**LINES_SCHEMA, "issue_date": {"type": "string", "format": "date"},
            "status": {**INVOICE_STATUS,
                       "description": "draft (the default) until the invoice is sent"}},
)  # fmt: skip


def _recipients(least: int) -> dict[str, Any]:
    # A lone address, or a list of them as SendFields bounds it.
    address = {"type": "string", "format": "email"}
    listed = {"type": "array", "items": address, "minItems": least, "maxItems": MAX_RECIPIENTS}
    return {"anyOf": [address, listed]}


def _addresses(service: str) -> Into:
    # The document sends a list; a lone address is read as a list of one.
    return Into(service, lambda value: [value] if isinstance(value, str) else value)


# The send bodies name the email's options as the service layer does (SendFields).
SEND_IN = FieldMap(
    fields={"to": _addresses("to"), "cc": _addresses("cc")},
    model=SendFields,
    schema={"to": {**_recipients(1),
                   "description": "The customer's primary contact when left out"},
            "cc": _recipients(0),
            "message": {"type": "string", "description": "Written above the sign-off"}},
)  # fmt: skip

PAYMENT_IN = FieldMap(
    fields={"paid_at": "date", "method": "payment_mode"},
    model=PaymentFields,
    required=("amount",),
    schema={"paid_at": {"type": "string", "format": "date", "description": "Today when left out"},
            "method": {"type": "string", "description": "A payment mode's name: bank, cash..."}},
)  # fmt: skip

ESTIMATE_IN = FieldMap(
    fields={"issue_date": "date"},
    nested={"items": ITEM_IN},
    model=EstimateFields,
    required=("customer_id", "items"),
    schema={**LINES_SCHEMA, "issue_date": {"type": "string", "format": "date"}},
)

PROPOSAL_IN = AliasedMap(
    fields={},
    nested={"items": ITEM_IN},
    model=ProposalFields,
    required=("subject", "rel_type", "rel_id"),
    schema={"rel_id": {"type": "integer", "description": "The customer's or the lead's id"}},
    error_names={"customer_id": "rel_id", "lead_id": "rel_id"},
)


def proposal_party(data: dict[str, Any]) -> dict[str, Any]:
    """tech9 names the party as rel_type + rel_id; the service as customer_id or lead_id."""
    rel_type = data.get("rel_type")
    # A body naming the party's id under that name too keeps both: the model refuses
    # them together (resolvers.proposals.rules.PARTY_NAMED_ONCE), naming the one sent.
    if "rel_id" in data and rel_type in ("customer", "lead") and data.get(f"{rel_type}_id") is None:
        data = dict(data)
        data[f"{rel_type}_id"] = data.pop("rel_id")
    return data


def invoice_status(code: int) -> str | None:
    return slug(invoices.STATUS_NAMES.get(code))


def estimate_status(code: int) -> str | None:
    return slug(estimates.STATUS_NAMES.get(code))


def proposal_status(code: int) -> str | None:
    return slug(proposals.STATUS_NAMES.get(code))


StatusName = Callable[[int], str | None]
