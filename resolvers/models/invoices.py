"""Invoices, their line items, and the payment records that settle them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Field

from resolvers.models.base import Record, fk, money
from resolvers.models.line_items import Addresses, LineItemFields, Numbered, Totals


class Invoice(Record, Numbered, Totals, Addresses, table=True):
    __tablename__ = "invoices"
    customer_id: int = fk("customers.id", nullable=False)
    project_id: int | None = fk("projects.id")
    subscription_id: int | None = fk("subscriptions.id")
    due_date: dt.date | None = None
    # Perfex codes: 1 unpaid, 2 paid, 3 partially paid, 4 overdue, 5 cancelled, 6 draft.
    status: int = Field(default=1, index=True)
    amount_paid: Decimal = money()
    credits_applied: Decimal = money()
    amount_due: Decimal = money()
    sale_agent_id: int | None = fk("staff.id", index=False)
    allowed_payment_modes: str = Field(default="", max_length=191)
    cancel_overdue_reminders: bool = False
    recurring: int = 0
    recurring_type: str | None = Field(default=None, max_length=10)
    cycles: int = 0
    total_cycles: int = 0
    tags: str = ""


class InvoiceItem(LineItemFields, table=True):
    __tablename__ = "invoice_items"
    invoice_id: int = fk("invoices.id", nullable=False, ondelete="CASCADE")


class Payment(Record, table=True):
    __tablename__ = "payments"
    invoice_id: int = fk("invoices.id", nullable=False)
    amount: Decimal = money(required=True)
    payment_mode_id: int | None = fk("payment_modes.id")
    payment_method: str = Field(default="", max_length=191)
    date: dt.date
    transaction_id: str = Field(default="", max_length=191)
    note: str = ""
    recorded_by_id: int | None = fk("staff.id", index=False)
