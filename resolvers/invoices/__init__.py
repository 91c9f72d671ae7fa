"""Invoices: priced documents a customer pays; payments and credits settle them."""

from resolvers.invoices.actions import (
    cancel_invoice,
    create_invoice,
    delete_invoice,
    restore_invoice,
    send_invoice,
    uncancel_invoice,
    update_invoice,
)
from resolvers.invoices.inputs import InvoiceCreate, InvoiceFields
from resolvers.invoices.reads import get_invoice, items_by_invoice_id, list_invoices
from resolvers.invoices.resource import (
    INVOICE_ITEMS,
    INVOICES,
    KIND,
    RESOURCE,
    STATUS_NAMES,
    status_code,
)
from resolvers.invoices.settlement import settle_invoice

__all__ = [
    "INVOICES",
    "INVOICE_ITEMS",
    "KIND",
    "RESOURCE",
    "STATUS_NAMES",
    "InvoiceCreate",
    "InvoiceFields",
    "cancel_invoice",
    "create_invoice",
    "delete_invoice",
    "get_invoice",
    "items_by_invoice_id",
    "list_invoices",
    "restore_invoice",
    "send_invoice",
    "settle_invoice",
    "status_code",
    "uncancel_invoice",
    "update_invoice",
]
