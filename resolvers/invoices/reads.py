"""Reading invoices: one, pages filtered as the REST documents filter them, their lines."""

from __future__ import annotations

from resolvers.invoices.resource import INVOICES, KIND, status_code
from resolvers.line_items.reads import BY_CUSTOMER, BY_DATES, BY_PROJECT, document_reads

READS = document_reads(INVOICES, KIND, __name__, {
    **BY_CUSTOMER,
    **BY_PROJECT,
    "status": lambda table, value: table.c.status == status_code(value),
    **BY_DATES,
})  # fmt: skip
get_invoice, list_invoices, items_by_invoice_id = READS.get, READS.pages, READS.lines
