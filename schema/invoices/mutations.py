"""Writing invoices: create, update, delete and restore, send, cancel and uncancel."""

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

Result = Payload[InvoiceType]


@strawberry.type
class InvoiceMutation:
    @strawberry.mutation(description="A new invoice; its figures follow from its lines.")
    async def create_invoice(self, info: Info, input: InvoiceInput) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: invoices.create_invoice(ctx, invoice_data(input)),
            InvoiceType.from_row,
            NAMES,
        )

    @strawberry.mutation(description="Change an invoice; figures and status are recomputed.")
    async def update_invoice(self, info: Info, id: strawberry.ID, input: InvoiceInput) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: invoices.update_invoice(ctx, decode_id(id, InvoiceType), invoice_data(input)),
            InvoiceType.from_row,
            NAMES,
        )

    @strawberry.mutation(description="Delete an invoice without payments or credits applied.")
    async def delete_invoice(self, info: Info, id: strawberry.ID) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: invoices.delete_invoice(ctx, decode_id(id, InvoiceType)),
            InvoiceType.from_row,
        )

    @strawberry.mutation
    async def restore_invoice(self, info: Info, id: strawberry.ID) -> Result:
        ctx = info.context.ctx
        return await write(
            ctx,
            lambda: invoices.restore_invoice(ctx, decode_id(id, InvoiceType)),
            InvoiceType.from_row,
        )

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
