"""Writing invoices: the generated create, update, delete and restore; send, cancel and
uncancel by hand."""

from __future__ import annotations

import strawberry

from resolvers import invoices
from schema.context import Info
from schema.errors import Payload
from schema.ids import decode_id
from schema.invoices.actions import send_resolver
from schema.invoices.inputs import NAMES, InvoiceInput, invoice_data
from schema.invoices.refs import write
from schema.invoices.types import InvoiceType
from schema.writes import mutations

Result = Payload[InvoiceType]

InvoiceWrites = mutations(
    invoices.INVOICES,
    InvoiceType,
    create_input=InvoiceInput,
    update_input=InvoiceInput,
    data=invoice_data,
    names=NAMES,
    descriptions={
        "create": "A new invoice; its figures follow from its lines.",
        "update": "Change an invoice; figures and status are recomputed.",
        "delete": "Delete an invoice without payments or credits applied.",
    },
)


@strawberry.type
class InvoiceMutation:
    send_invoice = strawberry.mutation(
        resolver=send_resolver(InvoiceType, invoices.send_invoice),
        description="Email the invoice as a PDF (to whom and what it says: input), then mark "
        "it sent; a draft becomes UNPAID.",
    )

    @strawberry.mutation(description="Cancel an invoice without payments or credits applied.")
    async def cancel_invoice(self, info: Info, id: strawberry.ID) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: invoices.cancel_invoice(ctx, decode_id(id, InvoiceType)),
            InvoiceType.from_row,
        )

    @strawberry.mutation(description="A cancelled invoice returns to where its payments put it.")
    async def uncancel_invoice(self, info: Info, id: strawberry.ID) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: invoices.uncancel_invoice(ctx, decode_id(id, InvoiceType)),
            InvoiceType.from_row,
        )
