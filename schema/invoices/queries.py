"""Reading invoices and their lines."""

from __future__ import annotations

from resolvers.invoices import INVOICE_ITEMS, INVOICES, list_invoices
from schema.priced import document_query

InvoiceQuery = document_query(INVOICES, list_invoices, INVOICE_ITEMS)
