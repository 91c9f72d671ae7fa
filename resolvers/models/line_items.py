"""The columns every priced document shares, and the line item shape they carry."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from decimal import Decimal

from sqlmodel import Field, SQLModel

from resolvers.models.base import Record, fk
from resolvers.models.types import Fixed, UTCDateTime


class LineItemFields(Record):
    description: str = Field(max_length=191)
    long_description: str = ""
    qty: Decimal = Field(default=Decimal("1"), sa_type=Fixed(15, 2))
    rate: Decimal = Field(default=Decimal("0"), sa_type=Fixed(15, 2))
    unit: str = Field(default="", max_length=40)
    item_order: int = 0
    item_id: int | None = fk("items.id")
    tax_id: int | None = fk("taxes.id", index=False)
    tax_rate: Decimal = Field(default=Decimal("0"), sa_type=Fixed(15, 2))
    tax2_id: int | None = fk("taxes.id", index=False)
    tax2_rate: Decimal = Field(default=Decimal("0"), sa_type=Fixed(15, 2))


class Totals(SQLModel):
    """Figures the resolvers compute from the items; a client never sets them."""

    currency_id: int | None = fk("currencies.id", index=False)
    subtotal: Decimal = Field(default=Decimal("0"), sa_type=Fixed(15, 2))
    discount_type: str = Field(default="", max_length=20)
    discount_percent: Decimal = Field(default=Decimal("0"), sa_type=Fixed(15, 2))
    discount_total: Decimal = Field(default=Decimal("0"), sa_type=Fixed(15, 2))
    total_tax: Decimal = Field(default=Decimal("0"), sa_type=Fixed(15, 2))
    adjustment: Decimal = Field(default=Decimal("0"), sa_type=Fixed(15, 2))
    total: Decimal = Field(default=Decimal("0"), sa_type=Fixed(15, 2))


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
    accepted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    signature: str | None = None


class Numbered(SQLModel):
    number: int = Field(index=True)
    prefix: str = Field(default="", max_length=20)
    date: dt.date
    client_note: str = ""
    admin_note: str = ""
    terms: str = ""
    sent: bool = False
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    hash: str = Field(default="", max_length=64)
    added_by_id: int | None = fk("staff.id", index=False)
