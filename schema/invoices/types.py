"""The Invoice and InvoiceItem nodes and their edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import IntEnum

import strawberry

import resolvers.credit_notes  # noqa: F401  (declares invoices.credits)
import resolvers.estimates  # noqa: F401  (declares invoices.estimates)
import resolvers.files  # noqa: F401  (declares invoices.files)
import resolvers.notes  # noqa: F401  (declares invoices.notes)
import resolvers.payments  # noqa: F401  (declares invoices.payments)
import resolvers.proposals  # noqa: F401  (declares invoices.proposals)
import resolvers.reference  # noqa: F401  (registers payment_modes)
import resolvers.subscriptions  # noqa: F401  (registers subscriptions)
from resolvers.core.reading import Order
from resolvers.invoices import INVOICE_ITEMS, INVOICES, RESOURCE, get_invoice
from resolvers.totals import CANCELLED, DRAFT, OVERDUE, PAID, PARTIALLY_PAID, UNPAID
from schema import priced
from schema.custom_fields.types import custom_fields_field
from schema.fields import graph_node, relation_field
from schema.invoices.refs import id_list_field, typed_lists
from schema.node import Node, RowType
from schema.splice import Splice, spliced


@priced.status_enum("InvoiceStatus", "An invoice's")
class InvoiceStatus(IntEnum):
    UNPAID = UNPAID
    PAID = PAID
    PARTIALLY_PAID = PARTIALLY_PAID
    OVERDUE = OVERDUE
    CANCELLED = CANCELLED
    DRAFT = DRAFT


@graph_node(INVOICES, get_invoice)
@typed_lists
@strawberry.type(name="Invoice")
@spliced
class InvoiceType(RowType, Node):
    _numbered: Splice = priced.NUMBERED
    due_date: dt.date | None
    status: InvoiceStatus
    _totals: Splice = priced.TOTALS
    amount_paid: Decimal
    credits_applied: Decimal
    amount_due: Decimal = strawberry.field(description="The total less payments and credits.")
    _notes: Splice = priced.NOTES + priced.ADDRESSES
    cancel_overdue_reminders: bool
    recurring: int
    recurring_type: str | None
    cycles: int
    total_cycles: int
    _sent: Splice = priced.TAGS + priced.SENDING + priced.STAMPS
    _parties: Splice = priced.PARTIES
    subscription = relation_field("subscription", description="The subscription that billed it.")
    sale_agent = relation_field("sale_agent")
    added_by = relation_field("added_by")
    _lines: Splice = priced.LINES
    payments = relation_field("payments", order=[Order("date")])
    credits = relation_field(
        "credits", description="Credit notes applied to this invoice.", order=[Order("date")]
    )
    estimates = relation_field("estimates", description="Estimates converted into this invoice.")
    proposals = relation_field("proposals")
    _attached: Splice = priced.ATTACHED
    custom_fields = custom_fields_field("invoices")
    allowed_payment_modes = id_list_field(
        "allowed_payment_modes",
        "payment_modes",
        description="The payment modes the customer may pay this invoice with.",
    )
    _printable: Splice = priced.printable(RESOURCE, 'The number as shown: "INV-000123".', "invoice")


InvoiceItemType = priced.line_type(INVOICE_ITEMS, "InvoiceItem", "invoice")
