"""The Webhook and WebhookDelivery nodes. A webhook's secret is never a field: it is
answered once, by createWebhook."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers.core.reading import Order
from resolvers.webhooks import (
    WEBHOOK_DELIVERIES,
    WEBHOOKS,
    event_types_by_id,
    get_webhook,
    get_webhook_delivery,
)
from resolvers.webhooks.patterns import split
from schema.context import Info
from schema.fields import graph_node, relation_field
from schema.node import Node, RowType


@graph_node(WEBHOOKS, get_webhook)
@strawberry.type(name="Webhook", description="Where events are POSTed, signed, as they happen.")
class WebhookType(RowType, Node):
    url: str
    active: bool
    created_at: datetime
    updated_at: datetime
    deliveries = relation_field(
        "deliveries", description="Its deliveries, newest first.", order=[Order("id", "desc")]
    )

    @strawberry.field(description='Event names or wildcards it receives: "invoice.*", "*".')
    def events(self) -> list[str]:
        return split(self._row["events"])


@graph_node(WEBHOOK_DELIVERIES, get_webhook_delivery)
@strawberry.type(
    name="WebhookDelivery",
    description="One event on its way to one webhook: pending, failed (retrying), "
    "delivered or dead (given up; replayWebhookDelivery sends it again).",
)
class WebhookDeliveryType(RowType, Node):
    status: str
    attempts: int
    next_attempt_at: datetime | None
    response_code: int | None
    last_error: str
    delivered_at: datetime | None
    created_at: datetime
    updated_at: datetime
    webhook = relation_field("webhook")

    @strawberry.field(description='The event it carries: "invoice.paid"...')
    async def event_type(self, info: Info) -> str | None:
        loader = info.context.ctx.loader(event_types_by_id)
        found: str | None = await loader.load(self._row["event_id"])
        return found
