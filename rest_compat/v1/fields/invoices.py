"""Invoices: the document's `customer_id` and `total`, lines in `items`."""

from __future__ import annotations

from pydantic import ConfigDict
from pydantic.config import JsonDict

from resolvers import invoices
from resolvers.core.validation import AMOUNT_BOUND
from resolvers.invoices import InvoiceCreate
from resolvers.line_items.inputs import LIMIT
from rest_compat.renames import FieldMap
from rest_compat.v1.fields.base import Shape, customer_alias
from rest_compat.v1.fields.documents import DOCUMENT_NAMES, DOCUMENT_READ_ONLY, priced

# A lone `total` (the document's example) becomes one line of that amount.
LONE_TOTAL_LINE = "Invoice total"

# With items, `total` is one of the figures the lines decide (read and dropped).
BOUND = int(AMOUNT_BOUND)
FIGURE: JsonDict = {"type": "number", "exclusiveMinimum": -BOUND, "exclusiveMaximum": BOUND}
# Alone, it is the one line's rate.
LONE_TOTAL: JsonDict = {"type": "number", "minimum": 0, "exclusiveMaximum": int(LIMIT)}


class InvoiceBody(InvoiceCreate):
    """What v1 reads: lines in `items` or `new_items`, or a lone `total` that becomes one
    (routes.invoices.invoice_body)."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [
            {"required": ["items"], "properties": {"items": {}}},
            {"required": ["new_items"], "properties": {"new_items": {}}},
            {"required": ["total"], "properties": {"total": LONE_TOTAL}},
        ]}
    )  # fmt: skip


INVOICE_IN = FieldMap(
    fields={**customer_alias("customer_id"), "duedate": "due_date",
            "sale_agent": "sale_agent_id"},
    ignore=DOCUMENT_READ_ONLY,
    model=InvoiceBody,
    required=("customer_id",),
    schema={"total": {**FIGURE, "description": "Without items: the invoice is one "
                      f"line {LONE_TOTAL_LINE!r} of this amount. With items it is ignored: "
                      "the lines decide the figures."}},
)  # fmt: skip

INVOICE = Shape(names=DOCUMENT_NAMES, table="invoices")
invoice = priced(invoices.RESOURCE, INVOICE, invoices.items_by_invoice_id, "invoice_items")
