"""Reading invoices and their lines."""

from __future__ import annotations

import strawberry

from resolvers.core.reading import Order
from resolvers.invoices import INVOICE_ITEMS, INVOICES, list_invoices
from schema.fields import connection_field, record_field
from schema.invoices.types import InvoiceItemType, InvoiceType

__all__ = ["InvoiceItemType", "InvoiceQuery", "InvoiceType"]


@strawberry.type
class InvoiceQuery:
    invoice = record_field(INVOICES)
    invoices = connection_field(INVOICES, list_invoices)
    invoice_item = record_field(INVOICE_ITEMS)
    invoice_items = connection_field(INVOICE_ITEMS, order=[Order("item_order")])
