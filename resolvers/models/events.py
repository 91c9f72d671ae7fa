"""The event log: every write records what changed, by whom, in its own transaction.

It is the outbox webhooks and polling read from, and the history/activity feeds.
"""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field

from resolvers.models.base import Record


class Event(Record, table=True):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_record", "resource", "record_id"),
        Index("ix_events_parent", "parent_resource", "parent_id"),
    )
    type: str = Field(max_length=60, index=True)
    resource: str = Field(max_length=30)
    record_id: int
    # Who: "token", "staff" or "system", and the id within that kind.
    actor_type: str = Field(default="system", max_length=10)
    actor_id: int | None = None
    # JSON: {"field": [old, new], ...} for updates, the record's summary otherwise.
    changes: str = "{}"
    # A parent record the feed should show this under (the ticket of a reply...).
    parent_resource: str | None = Field(default=None, max_length=30)
    parent_id: int | None = None
