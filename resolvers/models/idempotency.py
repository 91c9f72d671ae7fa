"""Idempotency keys: the first reply to a POST, kept so a retry gets it back."""

from __future__ import annotations

from sqlalchemy import Index, LargeBinary, UniqueConstraint
from sqlmodel import Field

from resolvers.models.base import Record


class IdempotencyKey(Record, table=True):
    __tablename__ = "idempotency_keys"
    # One row per caller and key: the constraint is what stops two workers racing on one
    # key from both running the request (migration 0002_idempotency_keys).
    __table_args__ = (
        UniqueConstraint("principal", "key", name="uq_idempotency_keys_principal"),
        # Expired keys are purged by age.
        Index("ix_idempotency_keys_created_at", "created_at"),
    )
    # "token:12" / "staff:3": keys are the caller's own, never shared between callers.
    principal: str = Field(max_length=100)
    key: str = Field(max_length=255)
    # SHA-256 of method, path, query and body: the same key with another request is refused.
    fingerprint: str = Field(max_length=64)
    # None while the first request is still running.
    status: int | None = None
    # The reply's kept headers as JSON, and its body.
    headers: str = ""
    body: bytes = Field(default=b"", sa_type=LargeBinary)
