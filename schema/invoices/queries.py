"""Reading invoices and their lines."""

from __future__ import annotations

from resolvers.invoices import INVOICE_ITEMS, INVOICES, list_invoices
from schema.invoices.types import InvoiceItemType, InvoiceType
from schema.priced import document_query

__all__ = ["InvoiceItemType", "InvoiceQuery", "InvoiceType"]

InvoiceQuery = document_query(INVOICES, list_invoices, INVOICE_ITEMS)
