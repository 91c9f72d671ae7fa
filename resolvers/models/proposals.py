"""Proposals: rich offers to a lead or a customer, with items and online acceptance."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field

from resolvers.models.base import Record, fk, moment
from resolvers.models.line_items import Acceptance, LineItemFields, Totals


class Proposal(Record, Totals, Acceptance, table=True):
    __tablename__ = "proposals"
    subject: str = Field(max_length=191, index=True)
    content: str = ""
    # "customer" or "lead": exactly one of the two ids below is set.
    rel_type: str = Field(max_length=20)
    customer_id: int | None = fk("customers.id")
    lead_id: int | None = fk("leads.id")
    proposal_to: str = Field(default="", max_length=191)
    email: str = Field(default="", max_length=191)
    phone: str = Field(default="", max_length=50)
    address: str = Field(default="", max_length=191)
    city: str = Field(default="", max_length=100)
    state: str = Field(default="", max_length=100)
    zip: str = Field(default="", max_length=20)
    country_id: int | None = fk("countries.id", index=False)
    date: dt.date
    open_till: dt.date | None = None
    # Perfex codes: 1 open, 2 declined, 3 accepted, 4 sent, 5 revised, 6 draft.
    status: int = Field(default=6, index=True)
    assigned_id: int | None = fk("staff.id")
    allow_comments: bool = True
    estimate_id: int | None = fk("estimates.id", index=False)
    invoice_id: int | None = fk("invoices.id", index=False)
    sent_at: dt.datetime | None = moment()
    hash: str = Field(default="", max_length=64)
    added_by_id: int | None = fk("staff.id", index=False)
    tags: str = ""


class ProposalItem(LineItemFields, table=True):
    __tablename__ = "proposal_items"
    proposal_id: int = fk("proposals.id", nullable=False, ondelete="CASCADE")


class ProposalComment(Record, table=True):
    __tablename__ = "proposal_comments"
    proposal_id: int = fk("proposals.id", nullable=False, ondelete="CASCADE")
    content: str
    staff_id: int | None = fk("staff.id", index=False)
