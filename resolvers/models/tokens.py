"""API tokens: shown once, stored as a hash, with per-resource permissions."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field

from resolvers.models.base import Record, fk, moment


class ApiToken(Record, table=True):
    __tablename__ = "api_tokens"
    name: str = Field(max_length=100)
    # SHA-256 of the token: tokens are 256 random bits, so a fast hash is safe and lets
    # every request find its token by index instead of trying argon2 on each row.
    token_hash: str = Field(max_length=64, unique=True)
    # The first characters, to tell tokens apart in listings without revealing them.
    prefix: str = Field(max_length=12)
    # "*" for everything, else "resource:action" entries separated by spaces.
    permissions: str = ""
    staff_id: int | None = fk("staff.id")
    expires_at: dt.datetime | None = moment()
    rate_limit_per_hour: int | None = None
    last_used_at: dt.datetime | None = moment()
