"""Custom field definitions per resource, and their values per record."""

from __future__ import annotations

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from resolvers.models.base import Record, fk


class CustomField(Record, table=True):
    __tablename__ = "custom_fields"
    # The resource it belongs to, as Perfex names it: customers, invoice, leads, ...
    field_to: str = Field(max_length=30, index=True)
    name: str = Field(max_length=150)
    slug: str = Field(max_length=150, unique=True)
    # input, number, textarea, select, multiselect, checkbox, date_picker,
    # date_picker_time, colorpicker, link
    type: str = Field(max_length=20)
    options: str = ""
    required: bool = False
    field_order: int = 0
    active: bool = True
    show_on_pdf: bool = False
    show_on_client_portal: bool = False


class CustomFieldValue(Record, table=True):
    __tablename__ = "custom_field_values"
    __table_args__ = (
        UniqueConstraint("field_id", "rel_id"),
        Index("ix_custom_field_values_rel", "field_to", "rel_id"),
    )
    field_id: int = fk("custom_fields.id", nullable=False, ondelete="CASCADE")
    field_to: str = Field(max_length=30)
    rel_id: int
    value: str = ""
