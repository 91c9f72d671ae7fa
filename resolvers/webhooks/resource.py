"""Webhook subscriptions: register, read, delete; their deliveries: list, replay, count.

A webhook's secret signs every delivery, so it must be usable: it is stored sealed with
the app's key (`sealing`), generated here and shown once: the create verb answers it
beside the record (and marks it so no stored reply keeps it), and every other verb and
read leaves it out.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from resolvers.core import events, idempotency, reading, writes
from resolvers.core.context import Ctx, Database, Row
from resolvers.core.errors import Conflict, Invalid
from resolvers.core.getters import getter
from resolvers.core.pagination import Page, PageArgs
from resolvers.core.permissions import require
from resolvers.core.records import must_fetch, update_row
from resolvers.core.resources import Hooks, Relation, Resource, Verbs, register, relate
from resolvers.core.validation import Fields
from resolvers.models import Event, Webhook, WebhookDelivery, table_of
from resolvers.models.types import utcnow
from resolvers.webhooks import guard, patterns, sealing
from resolvers.webhooks.config import current

RESOURCE = "webhooks"
WEBHOOK_DELIVERIES = register(
    Resource(
        name="webhook_deliveries",
        model=WebhookDelivery,
        label="Webhook delivery",
        permission=RESOURCE,
    )
)
relate(RESOURCE, "deliveries", Relation("webhook_deliveries", "many", "webhook_id"))
relate("webhook_deliveries", "webhook", Relation(RESOURCE, "one", "webhook_id"))
deliveries = WEBHOOK_DELIVERIES.table

STATUSES = ("pending", "failed", "delivered", "dead")


class WebhookFields(Fields):
    url: str | None = Field(default=None, min_length=1, max_length=500)
    # Event names or wildcards: "invoice.paid", "invoice.*", "*".
    events: list[str] | None = Field(default=None, max_length=patterns.MAX_PATTERNS)
    active: bool | None = None


class WebhookCreate(WebhookFields):
    url: str = Field(min_length=1, max_length=500)
    events: list[str] = Field(max_length=patterns.MAX_PATTERNS)


class CreatedWebhook(dict[str, Any]):
    """A new webhook without its secret, and apart its signing secret, which no later read
    shows."""

    def __init__(self, row: Row, secret: str) -> None:
        super().__init__(row)
        self.secret = secret

    @property
    def row(self) -> Row:
        return dict(self)


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def without_secret(row: Row) -> Row:
    return {k: v for k, v in row.items() if k != "secret"}


async def _values(
    conn: AsyncConnection, ctx: Ctx, data: BaseModel, before: Row | None
) -> dict[str, Any]:
    values: dict[str, Any] = data.model_dump(exclude_unset=True, exclude_none=True)
    if "url" in values:
        await guard.check_field(values["url"], allow_private=current().allow_private)
    if "events" in values:
        values["events"] = ",".join(patterns.normalise(values["events"]))
    if before is None:
        principal = ctx.principal
        by_token = principal is not None and principal.kind == "token" and principal.id > 0
        values["secret"] = sealing.seal(new_secret(), current().sealing_key)
        values["created_by_token_id"] = principal.id if by_token and principal else None
    return values


def _shown(verb: str, row: Row) -> Row:
    """Every answer leaves the secret out; create answers it once, apart from the record
    and marked so no stored reply keeps it."""
    if verb != "create":
        return without_secret(row)
    secret = sealing.unseal(row["secret"], current().sealing_key)
    return CreatedWebhook(without_secret(row), idempotency.shown_once(secret))


WEBHOOKS = register(
    Resource(
        name=RESOURCE,
        model=Webhook,
        label="Webhook",
        search=("url", "events"),
        hidden=("password_hash", "secret"),
        verbs=Verbs(
            create=WebhookCreate,
            update=WebhookFields,
            # Soft delete: its pending deliveries stay in the table and are not sent.
            delete=True,
            event="webhook",
            hooks=Hooks(
                values=_values,
                created=lambda row: {"url": row["url"], "events": row["events"]},
                shown=_shown,
            ),
        ),
    )
)
webhooks = WEBHOOKS.table


async def get_webhook(ctx: Ctx, webhook_id: int) -> Row | None:
    row = await reading.get_record(ctx, WEBHOOKS, webhook_id)
    return None if row is None else without_secret(row)


async def list_webhooks(ctx: Ctx, page: PageArgs, **query: Any) -> Page:
    found = await reading.list_records(ctx, WEBHOOKS, page, **query)
    return replace(found, rows=[without_secret(r) for r in found.rows])


get_webhook_delivery = getter(WEBHOOK_DELIVERIES, __name__, "get_webhook_delivery")


async def list_webhook_deliveries(
    ctx: Ctx,
    page: PageArgs,
    *,
    status: str | None = None,
    webhook_id: int | None = None,
    **query: Any,
) -> Page:
    """Deliveries, newest first unless ordered otherwise, optionally of one status
    (pending, failed, delivered, dead) or one webhook."""
    scope = list(query.pop("scope", ()))
    if status is not None:
        if status not in STATUSES:
            raise Invalid.field("status", f"must be one of {', '.join(STATUSES)}")
        scope.append(deliveries.c.status == status)
    if webhook_id is not None:
        scope.append(deliveries.c.webhook_id == webhook_id)
    order = query.pop("order", None) or (reading.Order("id", "desc"),)
    return await reading.list_records(
        ctx, WEBHOOK_DELIVERIES, page, scope=scope, order=order, **query
    )


async def replay_webhook_delivery(ctx: Ctx, delivery_id: int) -> Row:
    """Send a dead delivery again, as new: same delivery id (receivers de-duplicate by it),
    attempts from zero, due now."""
    require(ctx.principal, RESOURCE, "update")
    async with ctx.db.write() as conn:
        before = await must_fetch(conn, deliveries, delivery_id, "Webhook delivery")
        if before["status"] != "dead":
            raise Conflict(
                f"only a dead delivery can be replayed; this one is {before['status']}",
                field="status",
            )
        row = await update_row(
            conn,
            deliveries,
            delivery_id,
            {"status": "pending", "attempts": 0, "next_attempt_at": utcnow(), "last_error": ""},
        )
        await events.record(
            conn, ctx, "webhook_delivery.replayed", delivery_id,
            parent=(RESOURCE, before["webhook_id"]),
        )  # fmt: skip
    return row


async def delivery_counts(db: Database) -> dict[str, int]:
    """Deliveries by status, every status present (for metrics: pending + failed is the
    outbox depth still to send, dead the ones given up on)."""
    query = select(deliveries.c.status, func.count()).group_by(deliveries.c.status)
    async with db.read() as conn:
        found = {str(status): int(n) for status, n in await conn.execute(query)}
    return {status: found.get(status, 0) for status in STATUSES}


async def event_types_by_id(ctx: Ctx, event_ids: Sequence[int]) -> list[str | None]:
    """Batch function: each delivery's event name ("invoice.paid"), in key order."""
    require(ctx.principal, RESOURCE, "get")
    log = table_of(Event)
    query = select(log.c.id, log.c.type).where(log.c.id.in_(set(event_ids)))
    async with ctx.db.read() as conn:
        found = {int(i): str(t) for i, t in await conn.execute(query)}
    return [found.get(i) for i in event_ids]


# The ordinary verbs, as operations for the REST rows; GraphQL generates its own.
create_webhook = writes.operation(WEBHOOKS, "create")
delete_webhook = writes.operation(WEBHOOKS, "delete")
