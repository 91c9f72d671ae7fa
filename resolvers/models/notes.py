"""Notes attached to any record by (rel_type, rel_id)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field

from resolvers.models.base import Record, fk, moment


class Note(Record, table=True):
    __tablename__ = "notes"
    __table_args__ = (Index("ix_notes_rel", "rel_type", "rel_id"),)
    rel_type: str = Field(max_length=20)
    rel_id: int
    description: str
    staff_id: int | None = fk("staff.id")
    date_contacted: dt.datetime | None = moment()
