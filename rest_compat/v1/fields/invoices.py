"""Invoices: the document's `customer_id` and `total`, lines in `items`."""

from __future__ import annotations

from resolvers import invoices
from resolvers.invoices import InvoiceCreate
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import Shape, customer_alias
from rest_compat.v1.fields.documents import DOCUMENT_NAMES, DOCUMENT_READ_ONLY, priced

# A lone `total` (the document's example) becomes one line of that amount.
LONE_TOTAL_LINE = "Invoice total"

INVOICE_IN = FieldMap(
    fields={**customer_alias("customer_id"), "duedate": "due_date",
            "sale_agent": "sale_agent_id"},
    ignore=DOCUMENT_READ_ONLY,
    model=InvoiceCreate,
    required=("customer_id",),
    schema={"total": {"type": "number", "description": "Without items: the invoice is one "
                      f"line {LONE_TOTAL_LINE!r} of this amount. With items it is ignored: "
                      "the lines decide the figures."}},
)  # fmt: skip

INVOICE = Shape(names=DOCUMENT_NAMES, table="invoices")
invoice = priced(invoices.RESOURCE, INVOICE, invoices.items_by_invoice_id, "invoice_items")
