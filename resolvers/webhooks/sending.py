"""Sending deliveries: claim due ones, POST each signed, record the outcome.

A claim is a lease: it counts the attempt and moves `next_attempt_at` a lease ahead, in
one short transaction (PostgreSQL: FOR UPDATE SKIP LOCKED, so workers in several
processes never take the same row; SQLite: the single writer serialises claims). A
worker killed mid-flight leaves its deliveries to be claimed again when the lease ends,
so every delivery is sent at least once; receivers de-duplicate by the delivery id.
Outcomes are written fenced by the attempt count, so a worker whose lease ran out
cannot overwrite the result of the worker that took the delivery over.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update

from resolvers.core.context import Database
from resolvers.models import Event, table_of
from resolvers.models.types import utcnow
from resolvers.webhooks import guard, pinning, sealing, signing
from resolvers.webhooks.config import WebhookConfig
from resolvers.webhooks.resource import deliveries, webhooks

events = table_of(Event)
DUE = ("pending", "failed")
USER_AGENT = "crm-gateway-webhooks/1"
MAX_ERROR = 500


@dataclass(frozen=True)
class Claimed:
    id: int
    webhook_id: int
    url: str
    secret: str  # as stored: sealed (resolvers.webhooks.sealing)
    attempts: int  # including this one: the fence its outcome is written under
    event_id: int
    event_type: str
    resource: str
    record_id: int
    changes: str
    parent_resource: str | None
    parent_id: int | None
    event_created_at: datetime

    def payload(self) -> dict[str, Any]:
        parent = (
            {"resource": self.parent_resource, "id": self.parent_id}
            if self.parent_resource
            else None
        )
        return {
            "id": self.id,
            "type": self.event_type,
            "created_at": self.event_created_at.isoformat().replace("+00:00", "Z"),
            "resource": self.resource,
            "record_id": self.record_id,
            "data": json.loads(self.changes or "{}"),
            "parent": parent,
            "event_id": self.event_id,
            "webhook_id": self.webhook_id,
            "attempt": self.attempts,
        }

    def body(self) -> bytes:
        return json.dumps(self.payload(), separators=(",", ":"), sort_keys=True).encode()


@dataclass(frozen=True)
class Outcome:
    code: int | None  # the receiver's status; None when there was no answer
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.code is not None and 200 <= self.code < 300


def _live_webhook() -> Any:
    return (
        select(webhooks.c.id)
        .where(
            webhooks.c.id == deliveries.c.webhook_id,
            webhooks.c.active.is_(True),
            webhooks.c.deleted_at.is_(None),
        )
        .exists()
    )


async def claim(db: Database, limit: int, config: WebhookConfig) -> list[Claimed]:
    """Lease up to `limit` due deliveries of live webhooks, oldest due first."""
    now = utcnow()
    due = (
        select(deliveries.c.id, deliveries.c.attempts)
        .where(
            deliveries.c.status.in_(DUE),
            deliveries.c.next_attempt_at <= now,
            _live_webhook(),
        )
        .order_by(deliveries.c.next_attempt_at, deliveries.c.id)
        .limit(limit)
    )
    # Most polls find nothing: look first without taking the (SQLite: only) writer.
    async with db.read() as conn:
        if limit < 1 or (await conn.execute(due.limit(1))).first() is None:
            return []
    async with db.write() as conn:
        found = (await conn.execute(due.with_for_update(skip_locked=True))).all()
        # A lease that ran out on the last attempt (its worker died): give up on it.
        spent = [r.id for r in found if r.attempts >= config.max_attempts]
        if spent:
            await conn.execute(
                update(deliveries)
                .where(deliveries.c.id.in_(spent))
                .values(status="dead", next_attempt_at=None, updated_at=now,
                        last_error="no outcome recorded for the last attempt")
            )  # fmt: skip
        ids = [r.id for r in found if r.attempts < config.max_attempts]
        if not ids:
            return []
        await conn.execute(
            update(deliveries)
            .where(deliveries.c.id.in_(ids))
            .values(
                attempts=deliveries.c.attempts + 1,
                next_attempt_at=now + timedelta(seconds=config.lease_seconds),
                updated_at=now,
            )
        )
        rows = await conn.execute(
            # Each column under its Claimed field's name.
            select(
                deliveries.c.id,
                deliveries.c.webhook_id,
                webhooks.c.url,
                webhooks.c.secret,
                deliveries.c.attempts,
                deliveries.c.event_id,
                events.c.type.label("event_type"),
                events.c.resource,
                events.c.record_id,
                events.c.changes,
                events.c.parent_resource,
                events.c.parent_id,
                events.c.created_at.label("event_created_at"),
            )  # fmt: skip
            .join(webhooks, webhooks.c.id == deliveries.c.webhook_id)
            .join(events, events.c.id == deliveries.c.event_id)
            .where(deliveries.c.id.in_(ids))
            .order_by(deliveries.c.id)
        )
        return [Claimed(**r._mapping) for r in rows]


async def send(client: httpx.AsyncClient, claimed: Claimed, config: WebhookConfig) -> Outcome:
    """POST one delivery, signed; never raises for the receiver's failures."""
    try:
        addresses = await guard.check(claimed.url, allow_private=config.allow_private)
        secret = sealing.unseal(claimed.secret, config.sealing_key)
    except (guard.Refused, sealing.Unreadable) as exc:
        return Outcome(None, f"refused: {exc}")
    body = claimed.body()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        signing.HEADER: signing.sign(secret, body),
        signing.DELIVERY_HEADER: str(claimed.id),
        signing.EVENT_HEADER: claimed.event_type,
    }
    try:
        # The whole exchange is bounded, not only each read; the receiver's body is
        # never read (only its status matters).
        with pinning.pinned(claimed.url, addresses):
            async with asyncio.timeout(config.timeout_seconds), client.stream(
                "POST", claimed.url, content=body, headers=headers,
                timeout=config.timeout_seconds, follow_redirects=False,
            ) as response:  # fmt: skip
                code = response.status_code
    except TimeoutError:
        return Outcome(None, f"no answer within {config.timeout_seconds:g}s")
    except httpx.HTTPError as exc:
        return Outcome(None, f"{type(exc).__name__}: {exc}"[:MAX_ERROR])
    return Outcome(code, "" if 200 <= code < 300 else f"answered {code}")


async def finish(db: Database, claimed: Claimed, outcome: Outcome, config: WebhookConfig) -> str:
    """Record an attempt's outcome; answers the delivery's new status ("" when the lease
    had been taken over and the outcome was not recorded)."""
    now = utcnow()
    values: dict[str, Any] = {"response_code": outcome.code, "last_error": outcome.error,
                              "updated_at": now}  # fmt: skip
    if outcome.ok:
        values.update(status="delivered", delivered_at=now, next_attempt_at=None)
    elif claimed.attempts >= config.max_attempts:
        values.update(status="dead", next_attempt_at=None)
    else:
        retry = timedelta(seconds=config.backoff(claimed.attempts))
        values.update(status="failed", next_attempt_at=now + retry)
    async with db.write() as conn:
        result = await conn.execute(
            update(deliveries)
            .where(deliveries.c.id == claimed.id, deliveries.c.attempts == claimed.attempts)
            .values(values)
        )
    return str(values["status"]) if result.rowcount else ""


async def release(db: Database, claimed: Claimed) -> None:
    """Hand back a claimed delivery that was not sent (a stopping worker): due now, and
    the attempt not counted."""
    now = utcnow()
    async with db.write() as conn:
        await conn.execute(
            update(deliveries)
            .where(deliveries.c.id == claimed.id, deliveries.c.attempts == claimed.attempts)
            .values(attempts=deliveries.c.attempts - 1, next_attempt_at=now, updated_at=now)
        )


async def deliver(
    db: Database, client: httpx.AsyncClient, claimed: Claimed, config: WebhookConfig
) -> str:
    """Send one claimed delivery and record the outcome; answers the new status."""
    return await finish(db, claimed, await send(client, claimed, config), config)
