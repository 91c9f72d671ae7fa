"""The columns every priced document shares, and the line item shape they carry."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from decimal import Decimal

from sqlmodel import Field, SQLModel

from resolvers.models.base import Record, fk, moment, money
from resolvers.models.types import Fixed


class LineItemFields(Record):
    description: str = Field(max_length=191)
    long_description: str = ""
    qty: Decimal = Field(default=Decimal("1"), sa_type=Fixed(15, 2))
    rate: Decimal = money()
    unit: str = Field(default="", max_length=40)
    item_order: int = 0
    item_id: int | None = fk("items.id")
    tax_id: int | None = fk("taxes.id", index=False)
    tax_rate: Decimal = money()
    tax2_id: int | None = fk("taxes.id", index=False)
    tax2_rate: Decimal = money()


class Totals(SQLModel):
    """Figures the resolvers compute from the items; a client never sets them."""

    currency_id: int | None = fk("currencies.id", index=False)
    subtotal: Decimal = money()
    discount_type: str = Field(default="", max_length=20)
    discount_percent: Decimal = money()
    discount_total: Decimal = money()
    total_tax: Decimal = money()
    adjustment: Decimal = money()
    total: Decimal = money()


class Addresses(SQLModel):
    billing_street: str = Field(default="", max_length=191)
    billing_city: str = Field(default="", max_length=100)
    billing_state: str = Field(default="", max_length=100)
    billing_zip: str = Field(default="", max_length=20)
    billing_country_id: int | None = fk("countries.id", index=False)
    shipping_street: str = Field(default="", max_length=191)
    shipping_city: str = Field(default="", max_length=100)
    shipping_state: str = Field(default="", max_length=100)
    shipping_zip: str = Field(default="", max_length=20)
    shipping_country_id: int | None = fk("countries.id", index=False)
    include_shipping: bool = False
    show_shipping: bool = True


class Acceptance(SQLModel):
    acceptance_firstname: str | None = Field(default=None, max_length=100)
    acceptance_lastname: str | None = Field(default=None, max_length=100)
    acceptance_email: str | None = Field(default=None, max_length=191)
    acceptance_ip: str | None = Field(default=None, max_length=45)
    accepted_at: datetime | None = moment()
    signature: str | None = None


class Numbered(SQLModel):
    number: int = Field(index=True)
    prefix: str = Field(default="", max_length=20)
    date: dt.date
    client_note: str = ""
    admin_note: str = ""
    terms: str = ""
    sent: bool = False
    sent_at: datetime | None = moment()
    hash: str = Field(default="", max_length=64)
    added_by_id: int | None = fk("staff.id", index=False)
