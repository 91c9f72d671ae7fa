"""Reading webhooks and their deliveries (filter deliveries by status:
`webhookDeliveries(filter: {status: {eq: "dead"}})`)."""

from __future__ import annotations

import strawberry

from resolvers.webhooks import (
    WEBHOOK_DELIVERIES,
    WEBHOOKS,
    list_webhook_deliveries,
    list_webhooks,
)
from schema.fields import connection_field, record_field


@strawberry.type
class WebhookQuery:
    webhook = record_field(WEBHOOKS)
    webhooks = connection_field(WEBHOOKS, list_webhooks)
    webhook_delivery = record_field(WEBHOOK_DELIVERIES)
    webhook_deliveries = connection_field(
        WEBHOOK_DELIVERIES,
        list_webhook_deliveries,
        description="Deliveries of every webhook, newest first unless ordered otherwise.",
    )
