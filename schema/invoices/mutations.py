"""Writing invoices: the generated create, update, delete and restore; send, cancel and
uncancel by hand."""

from __future__ import annotations

import strawberry

from resolvers import invoices
from schema.invoices.actions import send_verb
from schema.invoices.documents import document_writes
from schema.invoices.inputs import REFS, InvoiceInput
from schema.invoices.types import InvoiceType
from schema.verbs import verb

InvoiceWrites = document_writes(
    invoices.INVOICES,
    InvoiceType,
    InvoiceInput,
    REFS,
    {
        "create": "A new invoice; its figures follow from its lines.",
        "update": "Change an invoice; figures and status are recomputed.",
        "delete": "Delete an invoice without payments or credits applied.",
    },
)


@strawberry.type
class InvoiceMutation(InvoiceWrites):  # type: ignore[valid-type, misc]
    send_invoice = send_verb(
        InvoiceType,
        invoices.send_invoice,
        "Email the invoice as a PDF (to whom and what it says: input), then mark "
        "it sent; a draft becomes UNPAID.",
    )

    cancel_invoice = verb(
        invoices.cancel_invoice,
        InvoiceType,
        description="Cancel an invoice without payments or credits applied.",
    )
    uncancel_invoice = verb(
        invoices.uncancel_invoice,
        InvoiceType,
        description="A cancelled invoice returns to where its payments put it.",
    )
