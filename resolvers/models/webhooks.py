"""Webhook subscriptions and the record of each delivery attempt."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field

from resolvers.models.base import Record, fk, moment
from resolvers.models.types import UTCDateTime


class Webhook(Record, table=True):
    __tablename__ = "webhooks"
    url: str = Field(max_length=500)
    # Event names or wildcards ("invoice.*"), comma separated.
    events: str = ""
    secret: str = Field(max_length=128)
    active: bool = True
    created_by_token_id: int | None = fk("api_tokens.id", index=False)


class WebhookDelivery(Record, table=True):
    __tablename__ = "webhook_deliveries"
    # One delivery per webhook and event, however many dispatchers fan out at once
    # (migration 0002_webhook_delivery_unique).
    __table_args__ = (
        Index("uq_webhook_deliveries_webhook_event", "webhook_id", "event_id", unique=True),
    )
    webhook_id: int = fk("webhooks.id", nullable=False, ondelete="CASCADE")
    event_id: int = fk("events.id", nullable=False)
    # pending, delivered, failed (retrying), dead
    status: str = Field(default="pending", max_length=20, index=True)
    attempts: int = 0
    next_attempt_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    response_code: int | None = None
    last_error: str = ""
    delivered_at: dt.datetime | None = moment()
