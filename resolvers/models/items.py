"""Items: the catalogue of products and services line items are picked from."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Field

from resolvers.models.base import Record, fk, money


class Item(Record, table=True):
    __tablename__ = "items"
    description: str = Field(max_length=191, index=True)
    long_description: str = ""
    rate: Decimal = money(required=True)
    tax_id: int | None = fk("taxes.id", index=False)
    tax2_id: int | None = fk("taxes.id", index=False)
    unit: str = Field(default="", max_length=40)
    group_id: int | None = fk("item_groups.id")
    # v2 "products" speak of a product or a service.
    type: str = Field(default="service", max_length=20)
