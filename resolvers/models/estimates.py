"""Estimates: priced offers a customer accepts or declines, convertible to invoices."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field

from resolvers.models.base import Record, fk, moment
from resolvers.models.line_items import Acceptance, Addresses, LineItemFields, Numbered, Totals


class Estimate(Record, Numbered, Totals, Addresses, Acceptance, table=True):
    __tablename__ = "estimates"
    customer_id: int = fk("customers.id", nullable=False)
    project_id: int | None = fk("projects.id")
    expiry_date: dt.date | None = None
    # Perfex codes: 1 draft, 2 sent, 3 declined, 4 accepted, 5 expired.
    status: int = Field(default=1, index=True)
    invoice_id: int | None = fk("invoices.id")
    invoiced_at: dt.datetime | None = moment()
    reference_no: str = Field(default="", max_length=100)
    sale_agent_id: int | None = fk("staff.id", index=False)
    tags: str = ""


class EstimateItem(LineItemFields, table=True):
    __tablename__ = "estimate_items"
    estimate_id: int = fk("estimates.id", nullable=False, ondelete="CASCADE")
