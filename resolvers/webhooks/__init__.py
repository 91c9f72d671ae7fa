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
    STATUSES,
    WEBHOOK_DELIVERIES,
    WEBHOOKS,
    CreatedWebhook,
    WebhookCreate,
    WebhookFields,
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
from resolvers.webhooks.sending import Claimed, Outcome, claim, deliver, finish, release, send

__all__ = [
    "RESOURCE",
    "STATUSES",
    "WEBHOOKS",
    "WEBHOOK_DELIVERIES",
    "Claimed",
    "CreatedWebhook",
    "Dispatcher",
    "Outcome",
    "WebhookConfig",
    "WebhookCreate",
    "WebhookFields",
    "claim",
    "configure",
    "create_webhook",
    "current",
    "delete_webhook",
    "deliver",
    "delivery_counts",
    "event_types_by_id",
    "finish",
    "get_webhook",
    "get_webhook_delivery",
    "list_webhook_deliveries",
    "list_webhooks",
    "release",
    "replay_webhook_delivery",
    "send",
]
