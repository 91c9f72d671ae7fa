"""The CreditNote node, its lines, its refunds and the credits applied to invoices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import IntEnum

import strawberry

import resolvers.reference  # noqa: F401  (registers payment_modes, currencies, countries)
from resolvers import numbering
from resolvers.core.reading import Order
from resolvers.credit_notes import (
    CLOSED,
    CREDIT_NOTE_ITEMS,
    CREDIT_NOTES,
    CREDITS,
    OPEN,
    REFUNDS,
    RESOURCE,
    VOID,
    get_credit_note,
)
from schema.custom_fields.types import custom_fields_field
from schema.documents import pdf_url_field
from schema.fields import graph_node, relation_field
from schema.invoices.lines import LineItem
from schema.invoices.refs import fetcher
from schema.node import Node, RowType


@strawberry.enum(
    name="CreditNoteStatus",
    description="A credit note's status. Filters and groupBy take it by name; orderBy "
    "sorts by its code, in brackets: OPEN (1), "
    "CLOSED (2: nothing remains), VOID (3).",
)
class CreditNoteStatus(IntEnum):
    OPEN = OPEN
    CLOSED = CLOSED
    VOID = VOID


@graph_node(CREDIT_NOTES, get_credit_note)
@strawberry.type(name="CreditNote")
class CreditNoteType(RowType, Node):
    number: int
    prefix: str
    date: dt.date
    reference_no: str
    status: CreditNoteStatus
    subtotal: Decimal
    discount_type: str = strawberry.field(description="before_tax, after_tax or empty.")
    discount_percent: Decimal
    discount_total: Decimal
    total_tax: Decimal
    adjustment: Decimal
    total: Decimal
    remaining_amount: Decimal = strawberry.field(
        description="The total less refunds and credits applied."
    )
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
    sent: bool
    sent_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    customer = relation_field("customer")
    project = relation_field("project")
    currency = relation_field("currency")
    billing_country = relation_field("billing_country")
    shipping_country = relation_field("shipping_country")
    added_by = relation_field("added_by")
    items = relation_field("items", order=[Order("item_order")])
    refunds = relation_field("refunds", order=[Order("refunded_on")])
    credits = relation_field(
        "credits", description="What was applied to invoices.", order=[Order("date")]
    )
    custom_fields = custom_fields_field("credit_notes")

    @strawberry.field(description='The number as shown: "CN-000123".')
    def formatted_number(self) -> str:
        return numbering.formatted_number(RESOURCE, self._row)

    pdf_url = pdf_url_field(RESOURCE, "credit note")


@graph_node(CREDIT_NOTE_ITEMS, fetcher(CREDIT_NOTE_ITEMS))
@strawberry.type(name="CreditNoteItem")
class CreditNoteItemType(RowType, LineItem):
    credit_note = relation_field("credit_note")
    item = relation_field("item", description="The catalogue item it was picked from.")
    tax = relation_field("tax")
    tax2 = relation_field("tax2")


@graph_node(REFUNDS, fetcher(REFUNDS))
@strawberry.type(name="CreditNoteRefund")
class CreditNoteRefundType(RowType, Node):
    amount: Decimal
    refunded_on: dt.date
    note: str
    created_at: dt.datetime
    updated_at: dt.datetime
    credit_note = relation_field("credit_note")
    payment_mode = relation_field("payment_mode")
    staff = relation_field("staff", description="The staff member who refunded it.")


@graph_node(CREDITS, fetcher(CREDITS))
@strawberry.type(name="CreditApplied", description="Part of a credit note applied to an invoice.")
class CreditAppliedType(RowType, Node):
    amount: Decimal
    date: dt.date
    created_at: dt.datetime
    updated_at: dt.datetime
    credit_note = relation_field("credit_note")
    invoice = relation_field("invoice")
    staff = relation_field("staff", description="The staff member who applied it.")
