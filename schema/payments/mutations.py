"""Writing payments: each one moves its invoice's amount due and status. Recorded by
hand on an invoice; changed, deleted and restored by the generated mutations."""

from __future__ import annotations

from collections.abc import Awaitable

import strawberry

from resolvers import payments
from resolvers.core.context import Ctx, Row
from schema.calls import mutation
from schema.ids import decode_id
from schema.invoices.types import InvoiceType
from schema.payments.inputs import NAMES, PaymentInput, payment_data
from schema.payments.types import PaymentType
from schema.writes import mutations

PaymentWrites = mutations(
    payments.PAYMENTS,
    PaymentType,
    update_input=PaymentInput,
    data=payment_data,
    names=NAMES,
    descriptions={
        "update": "Change a payment; its invoice's status follows.",
        "delete": "Delete a payment: its invoice goes back to PARTIALLY_PAID or UNPAID.",
        "restore": "Restore a deleted payment, if its invoice still owes it.",
    },
)


def _record(ctx: Ctx, invoice_id: str, input: PaymentInput) -> Awaitable[Row]:
    # The service REST's payment rows call: the invoice named in the data.
    invoice = decode_id(invoice_id, InvoiceType, "invoice_id")
    return payments.create_payment(ctx, {**payment_data(input), "invoice_id": invoice})


@strawberry.type
class PaymentMutation(PaymentWrites):  # type: ignore[valid-type, misc]
    record_payment = mutation(
        PaymentType, {"invoice_id": strawberry.ID, "input": PaymentInput}, _record,
        "Record a payment of at most the amount due: the invoice becomes PARTIALLY_PAID or PAID.",
        NAMES,
    )  # fmt: skip
