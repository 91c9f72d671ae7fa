"""Invoices: listing, creating, sending, and the payments on one.

The document's example creates an invoice from `customer_id` and `total` alone; the
service works its figures out from lines, so a lone `total` becomes one line
"Invoice total" of that amount (qty 1, no tax). With `items`, `total` is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers import documents, invoices, payments
from resolvers.core.context import Ctx, Row
from resolvers.core.errors import Invalid
from rest_compat.readers import body_data, named_codes, path_id
from rest_compat.routing import Args, Call
from rest_compat.routing import Endpoint as R
from rest_compat.v1.fields.invoices import INVOICE_IN, LONE_TOTAL_LINE, invoice
from rest_compat.v1.fields.payments import PAYMENT
from rest_compat.v1.routes.common import SEARCH, Parent, Q, listing, pages, params, record, shaped
from rest_compat.v1.routes.pdf import pdf_file

LINE_FIELDS = ("items", "new_items")
LONE_RATE = "items.0.rate"


async def invoice_body(call: Call) -> Args:
    data = body_data(call)
    lone = "total" in data and not any(data.get(name) for name in LINE_FIELDS)
    if lone:
        data["items"] = [{"description": LONE_TOTAL_LINE, "qty": 1, "rate": data["total"]}]
    return (data, lone), {}


async def create_invoice(ctx: Ctx, data: Mapping[str, Any], lone_total: bool) -> Row:
    try:
        return await invoices.create_invoice(ctx, data)
    except Invalid as exc:
        # The client sent `total`, not lines: name the field it sent.
        if lone_total and LONE_RATE in exc.errors:
            raise Invalid.field("total", exc.errors[LONE_RATE]) from None
        raise


FILTERS = (
    Q("customer_id", "integer"),
    Q("project_id", "integer"),
    Q(
        "status",
        description="A status code (1-6) or name: unpaid, paid, partially_paid...",
        pattern=named_codes(invoices.STATUS_NAMES),
    ),
    Q("date_from", "date"),
    Q("date_to", "date"),
    SEARCH,
)
PAYMENT_FILTERS = (Q("date_from", "date"), Q("date_to", "date"))
INVOICE = Parent("/api/v1/invoices", invoices.get_invoice, "Invoice")

ROUTES = [
    R("GET", "/api/v1/invoices", invoices.list_invoices, pages(*FILTERS), listing(invoice),
      "Get all invoices", query=params(*FILTERS)),
    R("POST", "/api/v1/invoices", create_invoice, invoice_body, record(invoice, 201),
      "Create new invoice", fields=INVOICE_IN, status=201),
    INVOICE.under("payments", payments.list_payments, "invoice_id", shaped(PAYMENT),
                  "List payments for an invoice", *PAYMENT_FILTERS),
    INVOICE.row("POST", "send", invoices.send_invoice, path_id(), record(invoice),
                "Send invoice to customer via email"),
    INVOICE.row("GET", "pdf", documents.invoice_pdf, path_id(), pdf_file,
                "Download invoice as PDF"),
]  # fmt: skip
