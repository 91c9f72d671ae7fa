"""Payments: the document's `invoiceid` and `paymentmode`."""

from __future__ import annotations

from resolvers.payments import PaymentFields
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import READ_ONLY, Shape

PAYMENT_IN = FieldMap(
    fields={"invoiceid": "invoice_id", "paymentmode": "payment_mode",
            "transactionid": "transaction_id", "paymentmethod": "payment_method"},
    ignore=READ_ONLY | {"recorded_by_id"},
    model=PaymentFields,
    required=("invoiceid", "amount"),
    # A payment stays on the invoice it was recorded against.
    create_only=("invoiceid",),
    schema={"invoiceid": {"type": "integer", "description": "The invoice paid"},
            "paymentmode": {"type": ["integer", "string"],
                            "description": "A payment mode id or name (bank_transfer)"},
            "date": {"type": "string", "format": "date",
                     "description": "The day paid; today (UTC) when left out"}},
)  # fmt: skip

PAYMENT = Shape(names={"invoice_id": "invoiceid", "payment_mode_id": "paymentmode"},
                table="payments")  # fmt: skip
