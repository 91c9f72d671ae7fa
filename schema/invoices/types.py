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
from resolvers import numbering
from resolvers.core.reading import Order
from resolvers.invoices import INVOICE_ITEMS, INVOICES, RESOURCE, get_invoice
from resolvers.totals import CANCELLED, DRAFT, OVERDUE, PAID, PARTIALLY_PAID, UNPAID
from schema.custom_fields.types import custom_fields_field
from schema.documents import pdf_url_field
from schema.fields import graph_node, relation_field
from schema.invoices.lines import LineItem
from schema.invoices.refs import fetcher, id_list_field, typed_lists
from schema.node import Node, RowType


@strawberry.enum(
    name="InvoiceStatus",
    description="An invoice's status. Filters and groupBy take it by name; orderBy "
    "sorts by its code, in brackets: UNPAID (1), "
    "PAID (2), PARTIALLY_PAID (3), OVERDUE (4), CANCELLED (5), DRAFT (6).",
)
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
class InvoiceType(RowType, Node):
    number: int
    prefix: str
    date: dt.date
    due_date: dt.date | None
    status: InvoiceStatus
    subtotal: Decimal
    discount_type: str = strawberry.field(description="before_tax, after_tax or empty.")
    discount_percent: Decimal
    discount_total: Decimal
    total_tax: Decimal
    adjustment: Decimal
    total: Decimal
    amount_paid: Decimal
    credits_applied: Decimal
    amount_due: Decimal = strawberry.field(description="The total less payments and credits.")
    client_note: str
    admin_note: str
    terms: str
    billing_street: str
    billing_city: str
    billing_state: str
    billing_zip: str
    shipping_street: str
    shipping_city: str
    shipping_state: str
    shipping_zip: str
    include_shipping: bool
    show_shipping: bool
    cancel_overdue_reminders: bool
    recurring: int
    recurring_type: str | None
    cycles: int
    total_cycles: int
    tags: str = strawberry.field(description="Comma-separated.")
    sent: bool
    sent_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    customer = relation_field("customer")
    project = relation_field("project")
    currency = relation_field("currency")
    billing_country = relation_field("billing_country")
    shipping_country = relation_field("shipping_country")
    subscription = relation_field("subscription", description="The subscription that billed it.")
    sale_agent = relation_field("sale_agent")
    added_by = relation_field("added_by")
    items = relation_field("items", order=[Order("item_order")])
    payments = relation_field("payments", order=[Order("date")])
    credits = relation_field(
        "credits", description="Credit notes applied to this invoice.", order=[Order("date")]
    )
    estimates = relation_field("estimates", description="Estimates converted into this invoice.")
    proposals = relation_field("proposals")
    notes = relation_field("notes", order=[Order("created_at")])
    files = relation_field("files")
    custom_fields = custom_fields_field("invoices")
    allowed_payment_modes = id_list_field(
        "allowed_payment_modes",
        "payment_modes",
        description="The payment modes the customer may pay this invoice with.",
    )

    @strawberry.field(description='The number as shown: "INV-000123".')
    def formatted_number(self) -> str:
        return numbering.formatted_number(RESOURCE, self._row)

    pdf_url = pdf_url_field(RESOURCE, "invoice")


@graph_node(INVOICE_ITEMS, fetcher(INVOICE_ITEMS))
@strawberry.type(name="InvoiceItem")
class InvoiceItemType(RowType, LineItem):
    invoice = relation_field("invoice")
    item = relation_field("item", description="The catalogue item it was picked from.")
    tax = relation_field("tax")
    tax2 = relation_field("tax2")
