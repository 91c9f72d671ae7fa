"""Writing payments: each one moves its invoice's amount due and status."""

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

Result = Payload[PaymentType]


@strawberry.type
class PaymentMutation:
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

    @strawberry.mutation(description="Change a payment; its invoice's status follows.")
    async def update_payment(self, info: Info, id: strawberry.ID, input: PaymentInput) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: payments.update_payment(ctx, decode_id(id, PaymentType), payment_data(input)),
            PaymentType.from_row,
            NAMES,
        )

    @strawberry.mutation(
        description="Delete a payment: its invoice goes back to PARTIALLY_PAID or UNPAID."
    )
    async def delete_payment(self, info: Info, id: strawberry.ID) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: payments.delete_payment(ctx, decode_id(id, PaymentType)),
            PaymentType.from_row,
        )

    @strawberry.mutation(description="Restore a deleted payment, if its invoice still owes it.")
    async def restore_payment(self, info: Info, id: strawberry.ID) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: payments.restore_payment(ctx, decode_id(id, PaymentType)),
            PaymentType.from_row,
        )
