"""The idempotency key store: who ran which request first, and what it answered.

Kept in the database, not in Redis or process memory, so it is exact across workers
and hosts: the unique (principal, key) constraint decides which of two racing requests
runs; the other sees the first one's row.

A stored reply never holds a secret: a verb that answers one (a webhook's signing
secret, a sign-in's JWT) passes it through `shown_once`, and the reply is stored with
each such value replaced by WITHHELD. A replay answers that, and says so in a header:
the secret was the first reply's to show, and 24 hours in a table is no place for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from resolvers.core.context import Database
from resolvers.models import IdempotencyKey, table_of
from resolvers.models.types import utcnow

keys = table_of(IdempotencyKey)

# A first request still "running" after this long died with its worker: a retry may run.
LEASE = timedelta(minutes=10)
WITHHELD = "<withheld: a secret is shown only in the first reply>"

# The secrets the running request has answered; a list shared by every task the request
# spawns (graphql-core resolves fields in tasks, each with a copy of the context).
_shown: ContextVar[list[str] | None] = ContextVar("shown_once", default=None)


def shown_once(secret: str) -> str:
    """`secret`, noted so that a stored copy of this request's reply leaves it out."""
    shown = _shown.get()
    if shown is not None:
        shown.append(secret)
    return secret


@contextmanager
def noting_secrets() -> Iterator[list[str]]:
    """Collects what `shown_once` sees while the block runs."""
    shown: list[str] = []
    token = _shown.set(shown)
    try:
        yield shown
    finally:
        _shown.reset(token)


def withheld(body: bytes, secrets: list[str]) -> bytes:
    """`body` with each secret replaced by WITHHELD: what may be stored and replayed."""
    for secret in secrets:
        # As it appears in a JSON reply: the secrets are URL-safe text, escaped as is.
        body = body.replace(json.dumps(secret)[1:-1].encode(), WITHHELD.encode())
    return body


@dataclass(frozen=True)
class Stored:
    fingerprint: str
    status: int | None  # None: the first request is still running
    headers: dict[str, str]
    body: bytes


def _owned(principal: str, key: str) -> ColumnElement[bool]:
    return and_(keys.c.principal == principal, keys.c.key == key)


async def claim(
    db: Database, principal: str, key: str, fingerprint: str, *, ttl: timedelta
) -> Stored | None:
    """None when this request now owns the key and must run; else what is stored."""
    now = utcnow()
    try:
        async with db.write() as conn:
            # An expired key, or one whose first request was abandoned, is free again.
            await conn.execute(
                delete(keys).where(
                    _owned(principal, key),
                    or_(
                        keys.c.created_at < now - ttl,
                        and_(keys.c.status.is_(None), keys.c.updated_at < now - LEASE),
                    ),
                )
            )
            await conn.execute(
                insert(keys).values(
                    principal=principal, key=key, fingerprint=fingerprint, status=None,
                    headers="{}", body=b"", created_at=now, updated_at=now,
                )
            )  # fmt: skip
        return None
    except IntegrityError:
        pass  # the key is taken: what it holds is read below
    async with db.read() as conn:
        row = (await conn.execute(select(keys).where(_owned(principal, key)))).first()
    if row is None:
        # Released between our insert and this read: the caller retries as a new request.
        return Stored(fingerprint, None, {}, b"")
    return Stored(row.fingerprint, row.status, json.loads(row.headers or "{}"), bytes(row.body))


async def finish(
    db: Database, principal: str, key: str, status: int, headers: dict[str, str], body: bytes
) -> None:
    async with db.write() as conn:
        await conn.execute(
            update(keys)
            .where(_owned(principal, key))
            .values(status=status, headers=json.dumps(headers), body=body, updated_at=utcnow())
        )


async def release(db: Database, principal: str, key: str) -> None:
    """Forget a key whose request failed on the server's side, so its retry runs."""
    async with db.write() as conn:
        await conn.execute(delete(keys).where(_owned(principal, key)))


async def purge_expired(db: Database, *, ttl: timedelta, now: datetime | None = None) -> int:
    cutoff = (now or utcnow()) - ttl
    async with db.write() as conn:
        result = await conn.execute(delete(keys).where(keys.c.created_at < cutoff))
    return int(result.rowcount or 0)
