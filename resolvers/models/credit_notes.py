"""Credit notes, their refunds, and the credits applied to invoices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Field

from resolvers.models.base import Record, fk, money
from resolvers.models.line_items import Addresses, LineItemFields, Numbered, Totals


class CreditNote(Record, Numbered, Totals, Addresses, table=True):
    __tablename__ = "credit_notes"
    customer_id: int = fk("customers.id", nullable=False)
    project_id: int | None = fk("projects.id")
    # Perfex codes: 1 open, 2 closed, 3 void.
    status: int = Field(default=1, index=True)
    reference_no: str = Field(default="", max_length=100)
    remaining_amount: Decimal = money()


class CreditNoteItem(LineItemFields, table=True):
    __tablename__ = "credit_note_items"
    credit_note_id: int = fk("credit_notes.id", nullable=False, ondelete="CASCADE")


class CreditNoteRefund(Record, table=True):
    __tablename__ = "credit_note_refunds"
    credit_note_id: int = fk("credit_notes.id", nullable=False)
    amount: Decimal = money(required=True)
    refunded_on: dt.date
    payment_mode_id: int | None = fk("payment_modes.id", index=False)
    note: str = ""
    staff_id: int | None = fk("staff.id", index=False)


class CreditApplied(Record, table=True):
    __tablename__ = "credits_applied"
    credit_note_id: int = fk("credit_notes.id", nullable=False)
    invoice_id: int = fk("invoices.id", nullable=False)
    amount: Decimal = money(required=True)
    date: dt.date
    staff_id: int | None = fk("staff.id", index=False)
