"""Webhooks: subscriptions to the event log, and the deliveries that carry each event
to them, signed, retried with backoff, dead-lettered and replayable.

`core` holds the records and their verbs, `outbox` fans events out into deliveries,
`sending` claims and sends them, `guard` refuses private receivers, `signing` signs.
Import from here: `from resolvers import webhooks`.
"""

from resolvers.webhooks.config import WebhookConfig, configure, current
from resolvers.webhooks.outbox import Dispatcher
from resolvers.webhooks.resource import (
    RESOURCE,
    WEBHOOK_DELIVERIES,
    WEBHOOKS,
    CreatedWebhook,
    WebhookCreate,
    create_webhook,
    delete_webhook,
    delivery_counts,
    event_types_by_id,
    get_webhook,
    get_webhook_delivery,
    list_webhook_deliveries,
    list_webhooks,
    replay_webhook_delivery,
)
from resolvers.webhooks.sending import Claimed, claim, deliver, release

__all__ = [
    "RESOURCE",
    "WEBHOOKS",
    "WEBHOOK_DELIVERIES",
    "Claimed",
    "CreatedWebhook",
    "Dispatcher",
    "WebhookConfig",
    "WebhookCreate",
    "claim",
    "configure",
    "create_webhook",
    "current",
    "delete_webhook",
    "deliver",
    "delivery_counts",
    "event_types_by_id",
    "get_webhook",
    "get_webhook_delivery",
    "list_webhook_deliveries",
    "list_webhooks",
    "release",
    "replay_webhook_delivery",
]
