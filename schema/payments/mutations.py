"""Writing payments: each one moves its invoice's amount due and status. Recorded by
hand on an invoice; changed, deleted and restored by the generated mutations."""

from __future__ import annotations

import strawberry

from resolvers import payments
from schema.context import Info
from schema.errors import Payload
from schema.ids import decode_id
from schema.invoices.refs import write
from schema.invoices.types import InvoiceType
from schema.payments.inputs import NAMES, PaymentInput, payment_data
from schema.payments.types import PaymentType
from schema.writes import mutations

Result = Payload[PaymentType]

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


@strawberry.type
class PaymentMutation(PaymentWrites):  # type: ignore[valid-type, misc]
    @strawberry.mutation(
        description="Record a payment of at most the amount due: the invoice becomes "
        "PARTIALLY_PAID or PAID."
    )
    async def record_payment(
        self, info: Info, invoice_id: strawberry.ID, input: PaymentInput
    ) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            # The service REST's payment rows call: the invoice named in the data.
            lambda: payments.create_payment(
                ctx,
                {
                    **payment_data(input),
                    "invoice_id": decode_id(invoice_id, InvoiceType, "invoice_id"),
                },
            ),
            PaymentType.from_row,
            NAMES,
        )
