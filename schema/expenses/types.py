"""The Expense node and its edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

# The modules declaring the edges an expense exposes.
import resolvers.files  # noqa: F401
import resolvers.invoices  # noqa: F401
import resolvers.notes  # noqa: F401
import resolvers.projects  # noqa: F401
from resolvers.core.reading import Order
from resolvers.expenses import EXPENSES, get_expense
from schema.custom_fields.types import custom_fields_field
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(EXPENSES, get_expense)
@strawberry.type(name="Expense")
class ExpenseType(RowType, Node):
    name: str
    amount: Decimal
    date: dt.date
    reference_no: str
    note: str
    billable: bool
    recurring: bool
    recurring_type: str | None = strawberry.field(description="day, week, month or year.")
    repeat_every: int
    cycles: int = strawberry.field(description="How many times it recurs; 0 is forever.")
    total_cycles: int
    created_at: dt.datetime
    updated_at: dt.datetime
    category = relation_field("category")
    currency = relation_field("currency")
    tax = relation_field("tax")
    tax2 = relation_field("tax2")
    payment_mode = relation_field("payment_mode")
    customer = relation_field("customer")
    project = relation_field("project")
    invoice = relation_field("invoice", description="The invoice it was billed on.")
    added_by = relation_field("added_by")
    notes = relation_field(
        "notes", description="Newest first.", order=[Order("created_at", "desc")]
    )
    files = relation_field("files", description="Receipts and other attachments.")
    custom_fields = custom_fields_field("expenses")
