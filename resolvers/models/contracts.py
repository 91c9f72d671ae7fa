"""Contracts with their types, renewals, signatures and comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Field

from resolvers.models.base import Record, fk, moment, money
from resolvers.models.line_items import Acceptance


class Contract(Record, Acceptance, table=True):
    __tablename__ = "contracts"
    subject: str = Field(max_length=191, index=True)
    description: str = ""
    content: str = ""
    customer_id: int = fk("customers.id", nullable=False)
    project_id: int | None = fk("projects.id")
    contract_type_id: int | None = fk("contract_types.id")
    start_date: dt.date
    end_date: dt.date | None = Field(default=None, index=True)
    contract_value: Decimal | None = money(None)
    currency_id: int | None = fk("currencies.id", index=False)
    signed: bool = False
    marked_as_signed: bool = False
    signed_at: dt.datetime | None = moment()
    not_visible_to_client: bool = False
    is_expiry_notified: bool = False
    sent: bool = False
    sent_at: dt.datetime | None = moment()
    hash: str = Field(default="", max_length=64)
    added_by_id: int | None = fk("staff.id", index=False)


class ContractRenewal(Record, table=True):
    __tablename__ = "contract_renewals"
    contract_id: int = fk("contracts.id", nullable=False, ondelete="CASCADE")
    old_start_date: dt.date
    new_start_date: dt.date
    old_end_date: dt.date | None = None
    new_end_date: dt.date | None = None
    old_value: Decimal | None = money(None)
    new_value: Decimal | None = money(None)
    renewed_by_id: int | None = fk("staff.id", index=False)


class ContractComment(Record, table=True):
    __tablename__ = "contract_comments"
    contract_id: int = fk("contracts.id", nullable=False, ondelete="CASCADE")
    content: str
    staff_id: int | None = fk("staff.id", index=False)
