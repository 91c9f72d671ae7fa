"""Leads: prospects with a status, a source and an assignee, convertible to customers."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlmodel import Field

from resolvers.models.base import Record, fk, moment, money


class Lead(Record, table=True):
    __tablename__ = "leads"
    name: str = Field(max_length=191, index=True)
    title: str = Field(default="", max_length=100)
    company: str = Field(default="", max_length=191)
    description: str = ""
    email: str = Field(default="", max_length=191)
    website: str = Field(default="", max_length=191)
    phone: str = Field(default="", max_length=50)
    address: str = Field(default="", max_length=191)
    city: str = Field(default="", max_length=100)
    state: str = Field(default="", max_length=100)
    zip: str = Field(default="", max_length=20)
    country_id: int | None = fk("countries.id")
    default_language: str = Field(default="", max_length=40)
    status_id: int = fk("lead_statuses.id", nullable=False)
    source_id: int = fk("lead_sources.id", nullable=False)
    assigned_id: int | None = fk("staff.id")
    added_by_id: int | None = fk("staff.id")
    is_public: bool = False
    tags: str = ""
    lead_value: Decimal = money()
    last_contact_at: datetime | None = moment()
    lost: bool = False
    junk: bool = False
    customer_id: int | None = fk("customers.id")
    converted_at: datetime | None = moment()
