"""Recurring billing plans for a customer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Field

from resolvers.models.base import Record, fk, moment, money


class Subscription(Record, table=True):
    __tablename__ = "subscriptions"
    name: str = Field(max_length=191, index=True)
    description: str = ""
    description_in_item: bool = False
    customer_id: int = fk("customers.id", nullable=False)
    project_id: int | None = fk("projects.id")
    date: dt.date | None = None
    terms: str = ""
    currency_id: int | None = fk("currencies.id", index=False)
    tax_id: int | None = fk("taxes.id", index=False)
    tax2_id: int | None = fk("taxes.id", index=False)
    unit_price: Decimal = money()
    quantity: int = 1
    status: str = Field(default="active", max_length=30, index=True)
    stripe_plan_id: str = Field(default="", max_length=191)
    stripe_subscription_id: str = Field(default="", max_length=191)
    stripe_tax_id_2: str = Field(default="", max_length=191)
    next_billing_cycle: dt.datetime | None = moment()
    ends_at: dt.datetime | None = moment()
    date_subscribed: dt.datetime | None = moment()
    last_sent_at: dt.datetime | None = moment()
    in_test_environment: bool = False
    hash: str = Field(default="", max_length=64)
    created_by_id: int | None = fk("staff.id", index=False)
