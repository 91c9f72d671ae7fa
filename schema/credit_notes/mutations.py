"""Writing credit notes (the generated create, update, delete and restore), refunding
them and applying them to invoices."""

from __future__ import annotations

import strawberry

from resolvers import credit_notes
from schema.context import Info
from schema.credit_notes.inputs import (
    NAMES,
    REFUND_NAMES,
    ApplyCreditInput,
    CreditNoteInput,
    RefundInput,
    credit_data,
    credit_note_data,
    refund_data,
)
from schema.credit_notes.types import CreditAppliedType, CreditNoteRefundType, CreditNoteType
from schema.errors import Payload
from schema.ids import decode_id
from schema.invoices.refs import write
from schema.writes import mutations

CreditNoteWrites = mutations(
    credit_notes.CREDIT_NOTES,
    CreditNoteType,
    create_input=CreditNoteInput,
    update_input=CreditNoteInput,
    data=credit_note_data,
    names=NAMES,
    descriptions={
        "create": "A new open credit note worth its lines' total.",
        "update": "Change a credit note; VOID voids it, OPEN reopens it.",
        "delete": "Delete a credit note without refunds or credits applied.",
    },
)


@strawberry.type
class CreditNoteMutation:
    @strawberry.mutation(description="Pay back part of what remains of a credit note.")
    async def refund_credit_note(
        self, info: Info, id: strawberry.ID, input: RefundInput
    ) -> Payload[CreditNoteRefundType]:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: credit_notes.refund_credit_note(
                ctx, decode_id(id, CreditNoteType), refund_data(input)
            ),
            CreditNoteRefundType.from_row,
            REFUND_NAMES,
        )

    @strawberry.mutation(description="Take a refund back: its amount is credit again.")
    async def delete_refund(self, info: Info, id: strawberry.ID) -> Payload[CreditNoteRefundType]:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: credit_notes.delete_refund(ctx, decode_id(id, CreditNoteRefundType)),
            CreditNoteRefundType.from_row,
        )

    @strawberry.mutation(
        description="Apply part of a credit note to an invoice of the same customer; the "
        "invoice's amount due and status follow."
    )
    async def apply_credit(
        self, info: Info, id: strawberry.ID, input: ApplyCreditInput
    ) -> Payload[CreditAppliedType]:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: credit_notes.apply_credit(
                ctx, decode_id(id, CreditNoteType), credit_data(input)
            ),
            CreditAppliedType.from_row,
        )

    @strawberry.mutation(description="Take an applied credit back: the invoice owes it again.")
    async def delete_applied_credit(
        self, info: Info, id: strawberry.ID
    ) -> Payload[CreditAppliedType]:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: credit_notes.delete_applied_credit(ctx, decode_id(id, CreditAppliedType)),
            CreditAppliedType.from_row,
        )
