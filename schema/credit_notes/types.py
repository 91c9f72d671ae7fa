"""The CreditNote node, its lines, its refunds and the credits applied to invoices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import IntEnum

import strawberry

import resolvers.reference  # noqa: F401  (registers payment_modes, currencies, countries)
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
from schema import priced
from schema.custom_fields.types import custom_fields_field
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType
from schema.projects.refs import fetch_of
from schema.splice import Splice, spliced


@priced.status_enum("CreditNoteStatus", "A credit note's", {CLOSED: "nothing remains"})
class CreditNoteStatus(IntEnum):
    OPEN = OPEN
    CLOSED = CLOSED
    VOID = VOID


@graph_node(CREDIT_NOTES, get_credit_note)
@strawberry.type(name="CreditNote")
@spliced
class CreditNoteType(RowType, Node):
    _numbered: Splice = priced.NUMBERED
    reference_no: str
    status: CreditNoteStatus
    _totals: Splice = priced.TOTALS
    remaining_amount: Decimal = strawberry.field(
        description="The total less refunds and credits applied."
    )
    _notes: Splice = priced.NOTES + priced.ADDRESSES + priced.SENDING + priced.STAMPS
    _parties: Splice = priced.PARTIES
    added_by = relation_field("added_by")
    _lines: Splice = priced.LINES
    refunds = relation_field("refunds", order=[Order("refunded_on")])
    credits = relation_field(
        "credits", description="What was applied to invoices.", order=[Order("date")]
    )
    custom_fields = custom_fields_field("credit_notes")
    _printable: Splice = priced.printable(
        RESOURCE, 'The number as shown: "CN-000123".', "credit note"
    )


CreditNoteItemType = priced.line_type(CREDIT_NOTE_ITEMS, "CreditNoteItem", "credit_note")


@graph_node(REFUNDS, fetch_of(REFUNDS))
@strawberry.type(name="CreditNoteRefund")
@spliced
class CreditNoteRefundType(RowType, Node):
    amount: Decimal
    refunded_on: dt.date
    note: str
    _stamps: Splice = priced.STAMPS
    credit_note = relation_field("credit_note")
    payment_mode = relation_field("payment_mode")
    staff = relation_field("staff", description="The staff member who refunded it.")


@graph_node(CREDITS, fetch_of(CREDITS))
@strawberry.type(name="CreditApplied", description="Part of a credit note applied to an invoice.")
@spliced
class CreditAppliedType(RowType, Node):
    amount: Decimal
    date: dt.date
    _stamps: Splice = priced.STAMPS
    credit_note = relation_field("credit_note")
    invoice = relation_field("invoice")
    staff = relation_field("staff", description="The staff member who applied it.")
